transformed data {
  real x;
  exp(x) = 1;
}
