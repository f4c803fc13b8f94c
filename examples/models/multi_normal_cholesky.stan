// Bivariate observations with known correlation and unknown scales and means:
// the covariance factor is diag(tau) * L with L from a matrix literal.
data {
  int<lower=1> N;
  array[N] vector[2] y;
  real<lower=-1, upper=1> rho;
}
transformed data {
  matrix[2, 2] Omega = [[1, rho], [rho, 1]];
  matrix[2, 2] L_Omega = cholesky_decompose(Omega);
}
parameters {
  vector[2] mu;
  vector<lower=0>[2] tau;
}
model {
  matrix[2, 2] L = diag_matrix(tau) * L_Omega;
  mu ~ normal(0, 10);
  tau ~ cauchy(0, 2.5);
  y ~ multi_normal_cholesky(mu, L);
}
