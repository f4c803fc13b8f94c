data {
  int<lower=0> N;
  print("N = ", N);
}
