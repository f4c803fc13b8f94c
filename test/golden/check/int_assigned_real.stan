data {
  real x;
}
transformed data {
  int n = x;
}
