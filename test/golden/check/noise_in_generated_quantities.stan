parameters {
  real x;
}
model {
  x ~ normal(0, sqrt(1 + noise ^ 2));
}
generated quantities {
  real level = noise;
}
