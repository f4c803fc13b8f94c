data {
  int N;
  real y[N];
}
parameters {
  real mu
  real<lower=0> sigma;
}
model {
  y ~ normal(mu, sigma);
  sigma ~ ;
}
