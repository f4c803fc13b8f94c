functions {
  void prior_lp(real x) {
    x ~ normal(0, 1);
  }
}
parameters {
  real mu;
}
generated quantities {
  prior_lp(mu);
}
