data {
  int<lower=1> N;
}
transformed data {
  vector[N] v;
  v[1, 2] = 3;
}
