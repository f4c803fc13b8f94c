data {
  vector[3] v;
}
transformed data {
  real total = v;
  array[3] real a;
  a = v;
}
