data {
  int N;
  int K;
  vector[K] x[N, 2];
}
