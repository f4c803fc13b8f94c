transformed data {
  real x = "three";
}
