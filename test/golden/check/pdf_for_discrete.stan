data {
  int<lower=0> y;
}
parameters {
  real<lower=0> lambda;
}
model {
  target += poisson_lpdf(y | lambda);
}
