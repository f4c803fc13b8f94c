// Mixture of K normals with ordered locations (identifies the labels) and shared scale.
data {
  int<lower=1> K;
  int<lower=1> N;
  array[N] real y;
}
parameters {
  simplex[K] w;
  ordered[K] mu;
  real<lower=0> sigma;
}
model {
  vector[K] lps;
  mu ~ normal(0, 10);
  sigma ~ lognormal(0, 2);
  for (n in 1:N) {
    for (k in 1:K) {
      lps[k] = log(w[k]) + normal_lpdf(y[n] | mu[k], sigma);
    }
    target += log_sum_exp(lps);
  }
}
