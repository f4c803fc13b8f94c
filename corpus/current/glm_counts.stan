data {
  int<lower=0> N;
  int<lower=1> K;
  matrix[N, K] x;
  array[N] int<lower=0> y;
}
parameters {
  real alpha;
  vector[K] beta;
  real<lower=0> phi;
}
model {
  beta ~ std_normal();
  phi ~ gamma(2, 0.5);
  y ~ neg_binomial_2_log_glm(x, alpha, beta, phi);
  target += poisson_log_glm_lpmf(y | x, alpha, beta) * 0;
}
