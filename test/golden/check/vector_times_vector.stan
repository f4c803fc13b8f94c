data {
  int<lower=0> N;
  vector[N] x;
  vector[N] y;
}
parameters {
  vector[N] beta;
}
model {
  y ~ normal(x * beta, 1);
}
