// Bivariate normal with the covariance built from scales and a correlation in transformed parameters.
data {
  int<lower=1> N;
  array[N] vector[2] y;
}
parameters {
  vector[2] mu;
  vector<lower=0>[2] sigma;
  real<lower=-1, upper=1> rho;
}
transformed parameters {
  matrix[2, 2] Sigma;
  Sigma[1, 1] = square(sigma[1]);
  Sigma[2, 2] = square(sigma[2]);
  Sigma[1, 2] = rho * sigma[1] * sigma[2];
  Sigma[2, 1] = Sigma[1, 2];
}
model {
  mu ~ normal(0, 10);
  sigma ~ cauchy(0, 5);
  rho ~ uniform(-1, 1);
  for (n in 1:N) {
    y[n] ~ multi_normal(mu, Sigma);
  }
}
generated quantities {
  vector[2] y_new = multi_normal_rng(mu, Sigma);
}
