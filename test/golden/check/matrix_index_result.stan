data {
  matrix[3, 3] M;
}
transformed data {
  vector[3] row = M[1];
  vector[3] col = M[:, 2];
  real x = M[1, 2];
}
