// AR(1) model written with range slices (Stan User's Guide, "Autoregressive models").
data {
  int<lower=2> N;
  vector[N] y;
}
parameters {
  real alpha;
  real<lower=-1, upper=1> beta;
  real<lower=0> sigma;
}
model {
  alpha ~ normal(0, 5);
  sigma ~ normal(0, 2);
  y[2:N] ~ normal(alpha + beta * y[1:(N - 1)], sigma);
}
generated quantities {
  real y_next = normal_rng(alpha + beta * y[N], sigma);
}
