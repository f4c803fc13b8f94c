functions {
  void prior(real x) {
    target += normal_lpdf(x | 0, 1);
  }
}
model {
}
