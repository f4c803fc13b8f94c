// Poisson regression with a log link and an exposure offset.
data {
  int<lower=0> N;
  vector[N] x;
  vector<lower=0>[N] exposure;
  array[N] int<lower=0> y;
}
transformed data {
  vector[N] log_exposure = log(exposure);
}
parameters {
  real alpha;
  real beta;
}
model {
  alpha ~ normal(0, 5);
  beta ~ normal(0, 1);
  y ~ poisson_log(log_exposure + alpha + beta * x);
}
generated quantities {
  array[N] int y_rep = poisson_log_rng(log_exposure + alpha + beta * x);
}
