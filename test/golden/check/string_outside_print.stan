transformed data {
  real x = "one";
  print("x = ", x);
}
