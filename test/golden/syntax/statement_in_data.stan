data {
  int N;
  N = 3;
}
