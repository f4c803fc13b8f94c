// Valid Stan corner cases of the type rules: must check without error.
data {
  int<lower=0> N;
  int<lower=1> K;
  vector[N] y;
  vector<lower=0>[N] L;
  array[N] int<lower=0, upper=1> flag;
  matrix[N, K] X;
  array[N] vector[K] Z;
}
transformed data {
  real half = 1 / 2;
  real ratio = 1.0 * N / 2;
  int mid = N %/% 2;
  vector[N] v = y;
  matrix[K, K] M = X' * X;
  row_vector[K] r = X[1];
  v *= 2;
  v /= 2.0;
  v += 1;
  v -= y;
  v .*= y;
  v ./= L;
  M *= M;
  r *= M;
  v[2:3] = y[1:2];
  v[1] += 1;
  vector[N] first = to_vector(Z[:, 1]);
  while (mid > 0) {
    mid -= 1;
  }
  if (flag[1]) {
    print("flag ", flag[1], " ", half);
  } else if (N > 3 && !flag[1]) {
    reject("bad N: ", N);
  }
  real pick = N > 2 ? (K > 1 ? 1 : 2.5) : 3;
  {
    real tmp = pick;
    pick = tmp * 2;
  }
}
parameters {
  real a;
  real<lower=-1, upper=1> rho;
  vector<lower=L>[N] above;
  vector<lower=0>[K] tau;
  array[N] vector[K] z;
}
transformed parameters {
  real<lower=0> s = exp(a);
  vector[N] mu = a + X * tau;
}
model {
  a ~ normal(0, 1) T[-10, 10];
  tau ~ exponential(1);
  for (n in 1:N) {
    z[n] ~ normal(0, 1);
    flag[n] ~ bernoulli(inv_logit(mu[n]));
  }
  target += normal_lupdf(y | mu, s);
  potential += 0.5 * square(rho);
  above ~ normal(0, 10);
}
generated quantities {
  array[N] int draws;
  for (n in 1:N) {
    draws[n] = bernoulli_logit_rng(mu[n]);
  }
  real total = 0;
  for (d in draws) total += d;
  for (e in mu) total += e;
  for (m in M) total += m;
}
