data {
  real y;
}
parameters {
  real<lower=0> nu;
}
model {
  target += student_t_lccdf(y | nu, 0, 1);
}
