data {
  vector[3] v;
}
transformed data {
  real half = 1.5;
  real x = v[half];
}
