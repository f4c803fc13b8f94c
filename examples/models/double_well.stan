// The seed's double well: p(x) proportional to exp(-(x^2 - 1)^2), written as a potential.
parameters {
  real x;
}
model {
  potential += square(square(x) - 1);
}
