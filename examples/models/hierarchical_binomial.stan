// Hierarchical binomial model on the logit scale (Efron & Morris batting averages style).
data {
  int<lower=0> N;
  array[N] int<lower=0> K;
  array[N] int<lower=0> y;
}
parameters {
  real mu;
  real<lower=0> tau;
  vector[N] alpha_std;
}
transformed parameters {
  vector[N] alpha = mu + tau * alpha_std;
}
model {
  mu ~ normal(-1, 1);
  tau ~ normal(0, 1);
  alpha_std ~ normal(0, 1);
  y ~ binomial_logit(K, alpha);
}
generated quantities {
  vector[N] theta = inv_logit(alpha);
}
