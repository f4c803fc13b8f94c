// Valid Stan using much of the stdlib: must check without error.
data {
  int<lower=1> N;
  array[N] real x;
  vector[N] y;
  int<lower=1> K;
  array[N] int<lower=1, upper=K> z;
  array[N] vector[2] pts;
  matrix[N, K] X;
}
transformed data {
  real delta = 1e-9;
  vector[N] mu0 = rep_vector(0, N);
  array[N] real ones = rep_array(1.0, N);
  matrix[2, 2] I2 = diag_matrix(rep_vector(1, 2));
  int n = num_elements(y) + size(x) + rows(X) + cols(X);
  vector[2 * N] yy = append_row(y, y);
  vector[N] cs = cumulative_sum(y);
  real lse = log_sum_exp(y);
  vector[N] xv = to_vector(x);
  real m = max(x) + min(y) + sum(z) + mean(x) + variance(y) + prod(y);
  real c = pi() + e() + negative_infinity() + not_a_number();
}
parameters {
  real<lower=0> rho;
  real<lower=0> alpha;
  real<lower=0> sigma;
  simplex[K] theta;
  cholesky_factor_corr[2] Lcorr;
  vector[2] loc;
  positive_ordered[2] po;
}
transformed parameters {
  real lm = log_mix(0.3, normal_lpdf(1 | 0, 1), normal_lpdf(1 | 1, 1));
}
model {
  matrix[N, N] L_K;
  matrix[N, N] Kx = gp_exp_quad_cov(x, alpha, rho);
  for (i in 1:N) Kx[i, i] = Kx[i, i] + square(sigma) + delta;
  L_K = cholesky_decompose(Kx);
  rho ~ inv_gamma(5, 5);
  alpha ~ std_normal();
  sigma ~ std_normal();
  y ~ multi_normal_cholesky(mu0, L_K);
  z ~ categorical(theta);
  pts ~ multi_normal_cholesky(loc, Lcorr);
  theta ~ dirichlet(rep_vector(1, K));
  target += -0.5 * dot_self(loc) + dot_product(loc, loc) + fabs(-1) + abs(-2) + fmin(1, 2) + fmax(1.0, 2);
  target += exp(log(2)) + log10(3) + log1p(0.1) + expm1(0.1) + sqrt(4) + pow(2, 3) + inv(2) + inv_logit(0) + logit(0.5) + log_inv_logit(0) + log1m(0.5) + lgamma(3) + lbeta(1, 2) + tanh(1) + sin(1) + cos(1);
  target += sd(y) + sum(inv_logit(y)) + sum(pow(y, 2)) + sum(fmax(y, 0));
  target += po[1];
}
generated quantities {
  array[N] real y_rep = normal_rng(mu0, sigma);
  int k = categorical_rng(theta);
  vector[K] th = dirichlet_rng(rep_vector(1, K));
  vector[2] mv = multi_normal_rng(loc, I2);
  array[N] int cnt = poisson_log_rng(y);
  int b = binomial_rng(10, 0.5);
  array[N] int bs = binomial_rng(z, 0.5);
}
