data {
  int<lower=1> N;
  array[N] vector[2] x;
  vector[N] y;
}
parameters {
  real<lower=0> alpha;
  array[2] real<lower=0> rho;
  real<lower=0> sigma;
}
model {
  matrix[N, N] K = add_diag(gp_exp_quad_cov(x, alpha, rho), square(sigma));
  alpha ~ std_normal();
  rho ~ inv_gamma(5, 5);
  sigma ~ std_normal();
  y ~ multi_normal(rep_vector(0, N), K);
}
