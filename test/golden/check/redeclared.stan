data {
  int<lower=0> N;
}
parameters {
  real mu;
}
model {
  real N = 2;
  mu ~ normal(0, N);
}
