// Regression whose noise scale depends on the predictor; elementwise .* and ./,
// integer division and modulus in transformed data, and matrix algebra with a transpose.
data {
  int<lower=2> N;
  vector[N] x;
  vector[N] y;
}
transformed data {
  int half = N %/% 2;
  int n_odd = N % 2;
  matrix[N, 2] X;
  matrix[2, 2] XtX;
  real x_first_half_mean = mean(x[1:half]);
  X[:, 1] = rep_vector(1, N);
  X[:, 2] = x;
  XtX = X' * X;
}
parameters {
  vector[2] beta;
  real gamma0;
  real gamma1;
}
transformed parameters {
  vector[N] mu = X * beta;
  vector<lower=0>[N] sigma = exp(gamma0 + gamma1 * x);
}
model {
  beta ~ normal(0, 10);
  gamma0 ~ normal(0, 2);
  gamma1 ~ normal(0, 1);
  target += -0.5 * dot_self((y - mu) ./ sigma) - sum(log(sigma));
  target += -0.5 * N * log(2 * pi());
}
generated quantities {
  vector[N] z = (y - mu) ./ sigma;
  vector[N] sq = z .* z;
  real quad = beta' * XtX * beta;
  real first_half = x_first_half_mean;
  int odd = n_odd;
}
