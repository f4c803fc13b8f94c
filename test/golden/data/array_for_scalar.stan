data {
  real sigma;
}
parameters {
  real mu;
}
model {
  mu ~ normal(0, sigma);
}
