data {
  int<lower=0> N;
  array[N] int y;
}
parameters {
  real<lower=0> lambda;
}
model {
  y ~ poisson(lambda);
}
