transformed data {
  int n = 0;
  break;
}
