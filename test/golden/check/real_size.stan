data {
  real N;
}
parameters {
  vector[N] theta;
}
