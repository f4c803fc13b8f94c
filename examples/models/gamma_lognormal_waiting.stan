// Positive waiting times modelled two ways: gamma for one group, lognormal for the other.
data {
  int<lower=0> N1;
  int<lower=0> N2;
  vector<lower=0>[N1] t1;
  vector<lower=0>[N2] t2;
}
parameters {
  real<lower=0> shape;
  real<lower=0> rate;
  real mu_log;
  real<lower=0> sigma_log;
}
model {
  shape ~ gamma(2, 0.5);
  rate ~ gamma(2, 0.5);
  mu_log ~ normal(0, 2);
  sigma_log ~ chi_square(3);
  t1 ~ gamma(shape, rate);
  t2 ~ lognormal(mu_log, sigma_log);
}
generated quantities {
  real mean_gamma = shape / rate;
  real mean_lognormal = exp(mu_log + 0.5 * sigma_log ^ 2);
}
