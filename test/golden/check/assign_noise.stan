parameters {
  real x;
}
model {
  noise = 1;
  x ~ normal(0, 1);
}
