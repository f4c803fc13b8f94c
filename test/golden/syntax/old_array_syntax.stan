data {
  int<lower=0> N;
  real<lower=0> y[N];
}
