transformed data {
  print("hello);
}
