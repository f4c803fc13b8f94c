transformed data {
  int n = 3;
  break;
}
