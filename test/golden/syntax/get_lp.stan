parameters {
  real mu;
}
model {
  print(get_lp());
}
