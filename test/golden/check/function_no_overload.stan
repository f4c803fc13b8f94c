functions {
  real total(vector v) {
    return sum(v);
  }
  real total(array[] real v) {
    return sum(v);
  }
}
parameters {
  matrix[2, 2] m;
}
model {
  target += total(m);
}
