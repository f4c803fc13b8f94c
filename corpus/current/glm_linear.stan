// Linear regression through normal_id_glm, with a QR-free prior on beta.
data {
  int<lower=0> N;
  int<lower=1> K;
  matrix[N, K] x;
  vector[N] y;
}
parameters {
  real alpha;
  vector[K] beta;
  real<lower=0> sigma;
}
model {
  alpha ~ normal(0, 10);
  beta ~ normal(0, 2.5);
  sigma ~ exponential(1);
  y ~ normal_id_glm(x, alpha, beta, sigma);
}
generated quantities {
  vector[N] mu = alpha + x * beta;
}
