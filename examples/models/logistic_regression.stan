// Logistic regression on standardised predictors (columns scaled in transformed data).
data {
  int<lower=0> N;
  int<lower=1> K;
  matrix[N, K] X;
  array[N] int<lower=0, upper=1> y;
}
transformed data {
  matrix[N, K] X_std;
  for (k in 1:K) {
    X_std[:, k] = (X[:, k] - mean(X[:, k])) / sd(X[:, k]);
  }
}
parameters {
  real alpha;
  vector[K] beta;
}
model {
  alpha ~ normal(0, 2.5);
  beta ~ normal(0, 1);
  y ~ bernoulli_logit(alpha + X_std * beta);
}
generated quantities {
  vector[N] p = inv_logit(alpha + X_std * beta);
  array[N] int y_rep = bernoulli_logit_rng(alpha + X_std * beta);
}
