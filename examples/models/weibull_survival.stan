// Weibull survival times with right censoring; the scale depends on a covariate via a log link.
data {
  int<lower=0> N_obs;
  int<lower=0> N_cens;
  vector<lower=0>[N_obs] t_obs;
  vector<lower=0>[N_cens] t_cens;
  vector[N_obs] x_obs;
  vector[N_cens] x_cens;
}
parameters {
  real<lower=0> shape;
  real beta0;
  real beta1;
}
model {
  shape ~ gamma(2, 1);
  beta0 ~ normal(0, 5);
  beta1 ~ normal(0, 2);
  t_obs ~ weibull(shape, exp(beta0 + beta1 * x_obs));
  target += weibull_lccdf(t_cens | shape, exp(beta0 + beta1 * x_cens));
}
