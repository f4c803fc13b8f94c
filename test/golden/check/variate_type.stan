data {
  int<lower=0> N;
  array[N] real y;
}
parameters {
  real<lower=0> lambda;
}
model {
  y ~ poisson(lambda);
}
