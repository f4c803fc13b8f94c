functions {
  real jitter_rng(real x) {
    return x + normal_rng(0, 1);
  }
}
parameters {
  real mu;
}
model {
  mu ~ normal(jitter_rng(0), 1);
}
