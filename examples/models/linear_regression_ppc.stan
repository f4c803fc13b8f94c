// Linear regression on a centred predictor, with log-likelihood and posterior predictive draws.
data {
  int<lower=0> N;
  vector[N] x;
  vector[N] y;
}
transformed data {
  real x_mean = mean(x);
  vector[N] x_c = x - x_mean;
  real y_sd = sd(y);
}
parameters {
  real alpha;
  real beta;
  real<lower=0> sigma;
}
transformed parameters {
  vector[N] mu = alpha + beta * x_c;
}
model {
  alpha ~ normal(mean(y), 10 * y_sd);
  beta ~ normal(0, 10);
  sigma ~ exponential(1 / y_sd);
  y ~ normal(mu, sigma);
}
generated quantities {
  real intercept = alpha - beta * x_mean;
  array[N] real y_rep = normal_rng(mu, sigma);
  vector[N] log_lik;
  for (n in 1:N) {
    log_lik[n] = normal_lpdf(y[n] | mu[n], sigma);
  }
}
