data {
  int<lower=0> N;
  vector[N] y;
}
transformed data {
  y[1] = 0;
}
