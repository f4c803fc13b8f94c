// Noisy observations of K increasing event times: the latent times are positive_ordered.
data {
  int<lower=1> K;
  vector[K] t_obs;
  real<lower=0> meas_sd;
}
parameters {
  positive_ordered[K] t;
  real<lower=0> rate;
}
model {
  rate ~ gamma(2, 1);
  // gaps between successive events are exponential
  t[1] ~ exponential(rate);
  for (k in 2:K) {
    target += exponential_lpdf(t[k] - t[k - 1] | rate);
  }
  t_obs ~ normal(t, meas_sd);
}
