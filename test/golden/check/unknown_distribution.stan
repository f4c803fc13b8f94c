data {
  vector[10] y;
}
parameters {
  real mu;
  real<lower=0> sigma;
}
model {
  y ~ nromal(mu, sigma);
}
