data {
  tuple(real, int) pair;
}
