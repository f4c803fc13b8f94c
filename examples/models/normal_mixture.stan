// Two-component normal mixture with a mixing proportion (Stan User's Guide, "Mixture modeling").
data {
  int<lower=1> N;
  vector[N] y;
}
parameters {
  real<lower=0, upper=1> lambda;
  ordered[2] mu;
  vector<lower=0>[2] sigma;
}
model {
  lambda ~ beta(2, 2);
  mu ~ normal(0, 10);
  sigma ~ lognormal(0, 1);
  for (n in 1:N) {
    target += log_mix(lambda,
                      normal_lpdf(y[n] | mu[1], sigma[1]),
                      normal_lpdf(y[n] | mu[2], sigma[2]));
  }
}
