// Zero-inflated Poisson (Stan User's Guide, "Zero-inflated models"): if/else per observation,
// and a while loop in transformed data counting the zeros.
data {
  int<lower=0> N;
  array[N] int<lower=0> y;
}
transformed data {
  int N_zero = 0;
  int n = 1;
  while (n <= N) {
    if (y[n] == 0) {
      N_zero += 1;
    }
    n += 1;
  }
  print("zeros in the data: ", N_zero, " of ", N);
}
parameters {
  real<lower=0, upper=1> theta;
  real<lower=0> lambda;
}
model {
  theta ~ beta(1, 1);
  lambda ~ gamma(2, 0.5);
  for (i in 1:N) {
    if (y[i] == 0) {
      target += log_sum_exp(log(theta), log1m(theta) + poisson_lpmf(y[i] | lambda));
    } else {
      target += log1m(theta) + poisson_lpmf(y[i] | lambda);
    }
  }
}
