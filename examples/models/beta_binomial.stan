// Rat tumour data style: binomial counts with beta-distributed probabilities
// parameterised by mean phi and concentration kappa (BDA3 chapter 5).
data {
  int<lower=0> N;
  array[N] int<lower=0> n;
  array[N] int<lower=0> y;
}
parameters {
  real<lower=0, upper=1> phi;
  real<lower=0.1> kappa;
  vector<lower=0, upper=1>[N] theta;
}
model {
  phi ~ uniform(0, 1);
  kappa ~ inv_gamma(2, 10);
  theta ~ beta(phi * kappa, (1 - phi) * kappa);
  y ~ binomial(n, theta);
}
