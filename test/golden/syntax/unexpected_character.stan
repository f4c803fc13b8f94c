parameters {
  real mu@;
}
