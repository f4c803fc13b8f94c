parameters {
  real mu;
}
transformed parameters {
  real mu2 = 2 * mu;
}
model {
  mu2 = 3;
  mu ~ normal(0, 1);
}
