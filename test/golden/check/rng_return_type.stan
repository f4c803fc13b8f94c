data {
  int<lower=0> N;
  vector[N] mu;
}
generated quantities {
  real y_rep = normal_rng(mu, 1);
}
