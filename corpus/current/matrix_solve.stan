data {
  int<lower=1> N;
  matrix[N, N] A;
  vector[N] b;
}
transformed data {
  vector[N] x0 = A \ b;
  row_vector[N] r0 = b' / A;
  real d = determinant(A);
}
parameters {
  vector[N] x;
}
model {
  x ~ normal(x0, 1);
  target += -0.5 * dot_self(mdivide_left(A, x) - x0);
}
