parameters {
  real a1;
}
model {
  a1 ~ normal(0, 1);
  target += normal_lpdf(a2 | 0, 1);
}
