data {
  cov_matrix[2] Sigma;
}
parameters {
  vector[2] x;
}
model {
  x ~ multi_normal(rep_vector(0, 2), Sigma);
}
