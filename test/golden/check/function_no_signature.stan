data {
  vector[3] v;
  matrix[3, 3] M;
}
transformed data {
  real d = dot_product(v, M);
}
