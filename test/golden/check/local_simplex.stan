parameters {
  real mu;
}
model {
  simplex[3] w = [0.2, 0.3, 0.5]';
  mu ~ normal(0, 1);
}
