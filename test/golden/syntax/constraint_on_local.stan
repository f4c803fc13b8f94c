parameters {
  real mu;
}
model {
  real<lower=0> s = exp(mu);
  mu ~ normal(0, s);
}
