data {
  simplex[3] p;
}
parameters {
  real mu;
}
model {
  mu ~ normal(p[1], 1);
}
