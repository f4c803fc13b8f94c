functions {
  real twice(real x) {
    return 2 * x;
  }
}
data {
  int N;
  real y[N];
}
