// Gaussian mixture p = 1/5 N((-5,-5), I) + 4/5 N((5,5), I) with a noise-conditional family:
// when the annealed sampler runs at noise level sigma, each component widens to sd sqrt(1 + sigma^2).
parameters {
  vector[2] x;
}
model {
  real s = sqrt(1 + noise ^ 2);
  target += log_mix(0.2,
                    normal_lpdf(x | [-5, -5]', s),
                    normal_lpdf(x | [5, 5]', s));
}
