data {
  vector[3] v;
}
transformed data {
  real total = 0;
  total += v;
}
