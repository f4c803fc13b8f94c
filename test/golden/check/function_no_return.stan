functions {
  real half_abs(real x) {
    if (x > 0) {
      return x / 2;
    }
  }
}
parameters {
  real mu;
}
model {
  mu ~ normal(half_abs(1.0), 1);
}
