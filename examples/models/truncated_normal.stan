// Measurements that can only be non-negative: a normal truncated below at zero.
data {
  int<lower=0> N;
  array[N] real<lower=0> y;
}
parameters {
  real mu;
  real<lower=0> sigma;
}
model {
  mu ~ normal(0, 10);
  sigma ~ normal(0, 5);
  for (n in 1:N) {
    y[n] ~ normal(mu, sigma) T[0, ];
  }
}
