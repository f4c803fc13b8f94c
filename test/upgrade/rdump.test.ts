/** The R dump reader of the corpus census (bench/corpus/rdump.ts). */
import { describe, expect, test } from 'vitest';
import { readRDump } from '../../bench/corpus/rdump.js';

describe('readRDump', () => {
  test('scalars, vectors, ranges, integers and column-major arrays', () => {
    const text = `N <- 3L
"y" <-
c(1.5, -2, 3e2)
idx <- 1:3
flag <- TRUE
X <-
structure(c(1, 2, 3, 4, 5, 6), .Dim = c(2L, 3L))
one <- c(7)
empty <- integer(0)
`;
    expect(readRDump(text)).toEqual({
      N: 3,
      y: [1.5, -2, 300],
      idx: [1, 2, 3],
      flag: 1,
      X: [
        [1, 3, 5],
        [2, 4, 6],
      ],
      one: [7],
      empty: [],
    });
  });
});
