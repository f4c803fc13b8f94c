functions {
  int n_pairs(data int n) {
    if (n <= 1) return 0;
    return n - 1 + n_pairs(n - 1);
  }
  vector center(vector x) {
    return x - mean(x);
  }
  real center(real x) {
    return 0;
  }
  void check_sizes(int n, int m) {
    if (n != m) reject("sizes differ: ", n, " and ", m);
  }
}
data {
  int<lower=1> N;
  vector[N] x;
  vector[N] y;
}
transformed data {
  int P = n_pairs(N);
  vector[N] xc = center(x);
  check_sizes(rows(x), rows(y));
}
parameters {
  real a;
  real b;
  real<lower=0> s;
}
model {
  y ~ normal(a + b * xc, s);
  s ~ lognormal(0, 1);
}
generated quantities {
  int pairs = P;
}
