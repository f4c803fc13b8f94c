parameters {
  real mu;
}
model {
  mu ~ normal(prior_mean, 1);
}
generated quantities {
  real prior_mean = 0;
}
