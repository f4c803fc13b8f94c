data {
  int<lower=1> N;
  array[N] real y;
}
parameters {
  ordered[2] mu;
  simplex[2] rho;
  array[2] simplex[2] gamma_rows;
}
transformed parameters {
  matrix[2, 2] Gamma;
  matrix[2, N] log_omega;
  for (k in 1:2) Gamma[k] = gamma_rows[k]';
  for (n in 1:N) for (k in 1:2) log_omega[k, n] = normal_lpdf(y[n] | mu[k], 1);
}
model {
  mu ~ normal(0, 5);
  target += hmm_marginal(log_omega, Gamma, rho);
}
generated quantities {
  matrix[2, N] prob = hmm_hidden_state_prob(log_omega, Gamma, rho);
}
