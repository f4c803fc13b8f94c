data {
  int<lower=0> N;
  real x[N];
  int<lower=0,upper=1> y[N];
}
parameters {
  real alpha;
  real beta;
}
model {
  for (n in 1:N)
    increment_log_prob(bernoulli_logit_log(y[n], alpha + beta * x[n]));
  alpha ~ normal(0, 5);  # weakly informative
  beta ~ normal(0, 5);
}
