transformed data {
  complex z = to_complex(1, 2);
}
