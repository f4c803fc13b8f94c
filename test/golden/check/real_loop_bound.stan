data {
  real bound;
}
transformed data {
  for (i in 1:bound) {
    print(i);
  }
}
