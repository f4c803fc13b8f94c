functions {
  void hierarchical_prior_lp(vector z, real tau) {
    z ~ std_normal();
    tau ~ cauchy(0, 2.5);
  }
  array[] real replicate_rng(vector mu, real sigma) {
    return normal_rng(mu, sigma);
  }
}
data {
  int<lower=1> J;
  vector[J] y;
  vector<lower=0>[J] sigma;
}
parameters {
  real mu;
  real<lower=0> tau;
  vector[J] z;
}
transformed parameters {
  vector[J] theta = mu + tau * z;
}
model {
  hierarchical_prior_lp(z, tau);
  y ~ normal(theta, sigma);
}
generated quantities {
  array[J] real y_rep = replicate_rng(theta, 1.0);
}
