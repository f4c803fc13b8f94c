data {
  int<lower=1> K;
  int<lower=0> N;
  array[N] int<lower=1, upper=K> z;
}
parameters {
  simplex[K] theta;
}
model {
  z ~ categorical(theta);
}
