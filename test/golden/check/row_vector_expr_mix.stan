parameters {
  real x;
}
model {
  x ~ normal(0, 1);
  real y = {1, 2.5}[1];
  row_vector[2] r = [x, 1];
  matrix[2, 2] m = [[1, 2], [3, 4]];
  matrix[2, 2] bad = [[1, 2], 3];
}
