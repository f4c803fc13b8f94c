parameters {
  real mu;
}
transformed parameters {
  real nu = mu;
  nu ~ normal(0, 1);
}
