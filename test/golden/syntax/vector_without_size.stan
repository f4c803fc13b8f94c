parameters {
  vector theta;
}
