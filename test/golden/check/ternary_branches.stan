data {
  int flag;
  vector[3] v;
}
transformed data {
  real x = flag ? v : 1.0;
}
