data {
  vector[2] y;
  cov_matrix[2] S;
}
parameters {
  vector[2] mu;
}
model {
  y ~ multi_normal(mu, S) T[0, ];
}
