// p = 1/5 N((-5,-5), I) + 4/5 N((5,5), I) without the reserved `noise`: the annealed
// sampler then estimates the smoothed score of p by importance sampling (--smoothing-samples).
parameters {
  vector[2] x;
}
model {
  target += log_mix(0.2,
                    normal_lpdf(x | [-5, -5]', 1),
                    normal_lpdf(x | [5, 5]', 1));
}
