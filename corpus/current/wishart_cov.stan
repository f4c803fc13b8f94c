data {
  int<lower=1> N;
  int<lower=1> K;
  array[N] vector[K] y;
}
parameters {
  vector[K] mu;
  cov_matrix[K] Sigma;
  cov_matrix[K] Omega;
}
model {
  Sigma ~ inv_wishart(K + 2, identity_matrix(K));
  Omega ~ wishart(K + 2, identity_matrix(K));
  y ~ multi_normal(mu, Sigma);
  mu ~ multi_normal_prec(rep_vector(0, K), Omega);
}
generated quantities {
  real ld = log_determinant(Sigma);
  matrix[K, K] P = inverse(Sigma);
}
