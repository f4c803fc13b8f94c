data {
  real<lower=1> y;
}
parameters {
  real<lower=0> a;
}
model {
  y ~ gamma(a, 1) T[1, ];
}
