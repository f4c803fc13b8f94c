transformed data {
  real x = 2;
  real y;
  y <- x - 1;
}
