# Varying-intercept model in pre-2.33 syntax
data {
  int<lower=0> N;
  int<lower=1> J;
  int<lower=1,upper=J> county[N];
  vector[N] x;
  vector[N] y;
}
parameters {
  vector[J] a;
  real b;
  real mu_a;
  real<lower=0> sigma_a;
  real<lower=0> sigma_y;
}
model {
  vector[N] y_hat;
  for (i in 1:N)
    y_hat[i] <- a[county[i]] + x[i] * b;
  mu_a ~ normal(0, 1);
  a ~ normal(mu_a, sigma_a);
  increment_log_prob(normal_log(y, y_hat, sigma_y));
}
