data {
  int<lower=0> N;
  int<lower=0> K;
  matrix[N, K] X;
}
parameters {
  vector[K] beta;
}
model {
  beta ~ normal(0, 1);
}
