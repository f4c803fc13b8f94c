data {
  real<lower=1> y;
}
parameters {
  real<lower=0> a;
}
model {
  y ~ skew_normal(0, a, 1) T[1, ];
}
