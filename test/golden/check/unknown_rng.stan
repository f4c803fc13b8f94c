generated quantities {
  real x = normal_rgn(0, 1);
}
