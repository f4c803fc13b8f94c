data {
  int<lower=0> J;
  array[J] real y;
}
parameters {
  real mu;
}
model {
  y ~ normal(mu, 1);
}
