// Bayesian lasso: Laplace (double exponential) priors on the coefficients, logistic errors.
data {
  int<lower=0> N;
  int<lower=1> K;
  matrix[N, K] X;
  vector[N] y;
}
parameters {
  real alpha;
  vector[K] beta;
  real<lower=0> lambda;
  real<lower=0> s;
}
model {
  lambda ~ cauchy(0, 1);
  alpha ~ normal(0, 10);
  beta ~ double_exponential(0, 1 / lambda);
  s ~ exponential(1);
  y ~ logistic(alpha + X * beta, s);
}
generated quantities {
  real l1_norm = 0;
  for (b in beta) {
    l1_norm += fabs(b);
  }
}
