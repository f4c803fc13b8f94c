parameters {
  real mu;  # the mean
}
