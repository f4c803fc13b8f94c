functions {
  real[] twice(real[] x) {
    return x;
  }
}
model {
}
