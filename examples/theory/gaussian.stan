// A standard normal target, f(x) = x^2/2 (sigma^2 = 1): the cleanest place to see ULA's step-size bias.
parameters {
  real x;
}
model {
  x ~ normal(0, 1);
}
