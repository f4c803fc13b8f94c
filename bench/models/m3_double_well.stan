// M3: the 2-d double well f(x) = (x1^2 - 1)^2 / 0.1 + x2^2 / 2, p ∝ exp(-f).
parameters {
  real x1;
  real x2;
}
model {
  target += -square(square(x1) - 1) / 0.1 - square(x2) / 2;
}
