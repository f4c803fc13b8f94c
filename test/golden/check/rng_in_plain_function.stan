functions {
  real jitter(real x) {
    return x + normal_rng(0, 1);
  }
}
generated quantities {
  real y = jitter(1);
}
