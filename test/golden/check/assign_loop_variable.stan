data {
  int<lower=0> N;
}
transformed data {
  int total = 0;
  for (i in 1:N) {
    total += i;
    i = i + 1;
  }
}
