// Poisson counts, with control flow in transformed data: break and continue in loops,
// reject on bad data, a row_vector literal, and a foreach loop over an array.
data {
  int<lower=1> N;
  array[N] int<lower=0> y;
  real<lower=0> prior_rate;
}
transformed data {
  int first_positive = 0;
  int n_positive = 0;
  int n_zero = N;
  int n_small = 0;
  array[2] int small_range = {1, 3};
  row_vector[3] weights = [0.25, 0.5, 0.25];
  if (prior_rate <= 0 || prior_rate > 1e6) {
    reject("prior_rate must be in (0, 1e6]; found ", prior_rate);
  }
  for (n in 1:N) {
    if (y[n] > 0) {
      first_positive = n;
      break;
    }
  }
  for (count in y) {
    if (count == 0) continue;
    n_positive += 1;
    n_zero -= 1;
    if (count >= small_range[1] && count <= small_range[2]) n_small += 1;
  }
}
parameters {
  real<lower=0> lambda;
}
model {
  lambda ~ exponential(prior_rate);
  y ~ poisson(lambda);
}
generated quantities {
  real smoothed = weights * [lambda, lambda, lambda]';
  int y_max = max(y);
  real frac_positive = n_positive * 1.0 / N;
  real frac_small = n_small * 1.0 / N;
  int zeros = n_zero;
}
