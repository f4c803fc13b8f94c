parameters {
  real mu = 0;
}
