// The simplest normal model, written with explicit target increments.
data {
  int<lower=0> N;
  vector[N] y;
}
parameters {
  real mu;
  real<lower=0> sigma;
}
model {
  target += normal_lpdf(mu | 0, 10);
  target += cauchy_lpdf(sigma | 0, 5);
  target += normal_lpdf(y | mu, sigma);
}
