functions {
  real shifted_exp_lpdf(real y, real lambda, real s) {
    return exponential_lpdf(y - s | lambda);
  }
  real shifted_exp_lcdf(real y, real lambda, real s) {
    return exponential_lcdf(y - s | lambda);
  }
  real shifted_exp_lccdf(real y, real lambda, real s) {
    return exponential_lccdf(y - s | lambda);
  }
}
data {
  int<lower=0> N;
  array[N] real<lower=1> y;
  real U;
}
parameters {
  real<lower=0> lambda;
}
model {
  for (n in 1:N) y[n] ~ shifted_exp(lambda, 1) T[, U];
}
