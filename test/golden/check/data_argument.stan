functions {
  real scaled(data real s, real x) {
    return s * x;
  }
}
parameters {
  real mu;
}
model {
  target += scaled(mu, 2);
}
