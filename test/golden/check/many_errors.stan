data {
  int<lower=0> N;
  vector[N] y;
}
parameters {
  real mu;
  real<lower=0> sigma;
}
model {
  y ~ nromal(mu, sigma);
  sigma ~ exponential(lamda);
  mu = 0;
}
