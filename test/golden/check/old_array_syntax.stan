data {
  int<lower=0> N;
  real y[N];
}
