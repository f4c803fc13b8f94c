// M1: the 100-dimensional standard Gaussian.
parameters {
  vector[100] x;
}
model {
  x ~ normal(0, 1);
}
