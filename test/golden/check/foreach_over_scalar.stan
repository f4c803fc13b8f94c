data {
  real x;
}
transformed data {
  for (v in x) {
    print(v);
  }
}
