data {
  int<lower=0> N;
  vector[N] v;
}
transformed data {
  real x = v[1, 2];
}
