data {
  matrix[2, 2] M;
}
parameters {
  real<lower=M> x;
}
