data {
  real y;
}
parameters {
  real<lower=0> omega;
}
model {
  target += skew_normal_lccdf(y | 0, omega, 1);
}
