// 2-d correlated Gaussian: sds 1 and 2, correlation 0.9 (rstan 2.21 syntax).
parameters {
  vector[2] x;
}
model {
  x ~ multi_normal([0, 0]', [[1, 1.8], [1.8, 4]]);
}
