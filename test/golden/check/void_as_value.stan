functions {
  void say(real x) {
    print(x);
  }
}
model {
  real y = say(1);
}
