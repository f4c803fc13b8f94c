import { describe, expect, test } from 'vitest';
import { parseExpr, shape } from './helpers.js';
import { printExpr } from '../../src/language/print.js';

/** Source → fully parenthesised shape, following stanc3's precedence declarations. */
const TABLE: [string, string][] = [
  // unary minus is looser than ^, tighter than everything else
  ['-a^2', '(-(a ^ 2))'],
  ['-a * b', '((-a) * b)'],
  ['!a && b', '((!a) && b)'],
  ['+a - -b', '((+a) - (-b))'],
  // ^ is right associative and its exponent may carry a sign
  ['a^b^c', '(a ^ (b ^ c))'],
  ['a^-b', '(a ^ (-b))'],
  ['a .^ 2', '(a .^ 2)'],
  ['2 * a^2', '(2 * (a ^ 2))'],
  // postfix binds tightest
  ["x'^2", "((x') ^ 2)"],
  ["-x'", "(-(x'))"],
  ["X[1]'", "(X[1]')"],
  ["a * b'", "(a * (b'))"],
  ['-x[1]', '(-x[1])'],
  // multiplicative family is left associative
  ['a / b * c', '((a / b) * c)'],
  ['a .* b ./ c % d', '(((a .* b) ./ c) % d)'],
  // \ and %/% bind tighter than * (stanc3's IDIVIDE/LDIVIDE level)
  ['a * b \\ c', '(a * (b \\ c))'],
  ['a %/% b * c', '((a %/% b) * c)'],
  ['a * b %/% c', '(a * (b %/% c))'],
  // additive below multiplicative, left associative
  ['a - b - c', '((a - b) - c)'],
  ['a + b * c', '(a + (b * c))'],
  // comparisons, equality, logic
  ['a + 1 < b', '((a + 1) < b)'],
  ['a < b == c > d', '((a < b) == (c > d))'],
  ['a == b && c != d', '((a == b) && (c != d))'],
  ['a || b && c', '(a || (b && c))'],
  ['a && b || c && d', '((a && b) || (c && d))'],
  ['a <= b >= c', '((a <= b) >= c)'],
  // ternary is loosest and right associative
  ['a ? b : c ? d : e', '(a ? b : (c ? d : e))'],
  ['a || b ? c + 1 : d', '((a || b) ? (c + 1) : d)'],
  ['a ? b ? c : d : e', '(a ? (b ? c : d) : e)'],
  // parentheses override
  ['(a + b) * c', '((a + b) * c)'],
  ['(-a)^2', '((-a) ^ 2)'],
  // calls, conditional calls, indexing, literals
  ['normal_lpdf(y | mu, sigma)', 'normal_lpdf(y | mu, sigma)'],
  ['std_normal_lpdf(y |)', 'std_normal_lpdf(y | )'],
  ['f()', 'f()'],
  ['x[2:N, :]', 'x[2:N, <all>]'],
  ['x[, j]', 'x[<all>, j]'],
  ['x[:3, 4:]', 'x[:3, 4:]'],
  ['x[idx][1]', 'x[idx][1]'],
  ['{1, 2, 3}', '{1, 2, 3}'],
  ['[[1, 2], [3, 4]]', '[[1, 2], [3, 4]]'],
  ['1e-3 + .5 + 2. + 3E+2', '(((1e-3 + .5) + 2.) + 3E+2)'],
];

describe('operator precedence', () => {
  test.each(TABLE)('%s', (source, expected) => {
    expect(shape(parseExpr(source))).toBe(expected);
  });

  test.each(TABLE)('%s prints back to the same tree', (source) => {
    const e = parseExpr(source);
    expect(shape(parseExpr(printExpr(e)))).toBe(shape(e));
  });

  test('literal values', () => {
    const e = parseExpr('1.5e2 + 7');
    expect(e.kind === 'Binary' && e.left.kind === 'RealLiteral' && e.left.value).toBe(150);
    expect(e.kind === 'Binary' && e.right.kind === 'IntLiteral' && e.right.value).toBe(7);
  });
});
