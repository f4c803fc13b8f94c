data {
  int<lower=1> N;
}
parameters {
  real mu;
}
generated quantities {
  int K = N + 1;
  vector[K] draws;
}
