data {
  int<lower=0> N;
  array[N] real x;
}
parameters {
  real alpha;
}
model {
  x ~ normal(alpha + 2 * x, 1);
}
