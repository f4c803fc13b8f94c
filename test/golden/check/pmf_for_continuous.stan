data {
  real y;
}
parameters {
  real mu;
}
model {
  target += normal_lpmf(y | mu, 1);
}
