// M2: logistic regression without intercept, prior normal(0, 1) on the
// coefficients (data: bench/data/logreg_data.json, N = 1000, D = 20).
data {
  int<lower=0> N;
  int<lower=1> D;
  matrix[N, D] X;
  array[N] int<lower=0, upper=1> y;
}
parameters {
  vector[D] beta;
}
model {
  beta ~ normal(0, 1);
  y ~ bernoulli_logit(X * beta);
}
