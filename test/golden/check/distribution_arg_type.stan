data {
  int<lower=0> N;
  vector[N] y;
  matrix[N, N] S;
}
parameters {
  real mu;
}
model {
  y ~ normal(mu, S);
}
