parameters {
  real mu;
}
model {
  target += normal(mu, 1);
}
