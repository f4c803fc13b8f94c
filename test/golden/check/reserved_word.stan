parameters {
  real noise;
}
model {
  noise ~ normal(0, 1);
}
