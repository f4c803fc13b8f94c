// Coin flips with a beta prior on the probability of heads (CmdStan's bernoulli example).
data {
  int<lower=0> N;
  array[N] int<lower=0, upper=1> y;
}
parameters {
  real<lower=0, upper=1> theta;
}
model {
  theta ~ beta(1, 1);
  y ~ bernoulli(theta);
}
generated quantities {
  int heads_rep = binomial_rng(N, theta);
}
