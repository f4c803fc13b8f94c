parameters {
  real mu;
}
modle {
  mu ~ normal(0, 1);
}
