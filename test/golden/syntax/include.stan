#include "common.stan"
parameters {
  real mu;
}
