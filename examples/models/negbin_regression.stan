// Overdispersed counts: negative binomial (mean, dispersion) regression with a log link.
data {
  int<lower=0> N;
  vector[N] x;
  array[N] int<lower=0> y;
}
parameters {
  real alpha;
  real beta;
  real<lower=0> phi;
}
model {
  alpha ~ normal(0, 5);
  beta ~ normal(0, 2);
  phi ~ gamma(2, 0.1);
  y ~ neg_binomial_2(exp(alpha + beta * x), phi);
}
generated quantities {
  array[N] int y_rep = neg_binomial_2_rng(exp(alpha + beta * x), phi);
}
