parameters {
  real mu;
}
generated quantities {
  target += normal_lpdf(mu | 0, 1);
}
