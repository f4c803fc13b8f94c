parameters {
  real x;
}
transformed parameters {
  real y = x;
  potential += 0.5 * x ^ 2;
}
