import { describe, expect, test } from 'vitest';
import gammaln from '@stdlib/math-base-special-gammaln';
import stdlibDigamma from '@stdlib/math-base-special-digamma';
import * as S from '../../src/math/special.js';

/** |a − b| ≤ tol · max(floor, |b|): relative, with an absolute floor near zeros. */
function close(a: number, b: number, tol: number, floor = 1e-300): boolean {
  if (Number.isNaN(b)) return Number.isNaN(a);
  if (!Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= tol * Math.max(floor, Math.abs(b));
}

function expectClose(f: (...a: number[]) => number, cases: number[][], tol: number, floor = 1e-300) {
  expect(cases.length, f.name).toBeGreaterThan(0);
  const misses: string[] = [];
  for (const c of cases) {
    const args = c.slice(0, -1);
    const want = c[c.length - 1];
    const got = f(...args);
    if (!close(got, want, tol, floor)) misses.push(`${f.name}(${args.join(', ')}) = ${got}, want ${want}`);
  }
  expect(misses).toEqual([]);
}

// Reference values from mpmath at 40 digits (at the exact double arguments).
const LGAMMA = [
  [-7.3, -7.779101629826852],
  [-2.5, -0.056243716497674054],
  [-0.5, 1.2655121234846454],
  [0.001, 6.907178885383853],
  [0.3, 1.0957979948180756],
  [1.0001, -5.771334222047127e-5],
  [1.4616321449683622, -0.12148629053584961],
  [2.2, 0.09694746679063887],
  [3.7, 1.428072326665388],
  [9.99, 12.779315214350193],
  [10.5, 13.940625219403763],
  [55.5, 166.32150615984037],
  [1234.5, 7550.550901077895],
];
const DIGAMMA = [
  [-7.3, 4.33730730551005],
  [-2.5, 1.103156640645243],
  [-0.5, 0.03648997397857652],
  [0.001, -1000.5755719318103],
  [0.3, -3.502524222200133],
  [1.0001, -0.5770511835143348],
  [2.2, 0.5442934367411452],
  [3.7, 1.1671535393615113],
  [9.99, 2.250700372831201],
  [10.5, 2.3030010342976865],
  [55.5, 4.0073469585404435],
  [1234.5, 7.118016231827998],
];
const TRIGAMMA = [
  [-7.3, 14.951383181433922],
  [-2.5, 9.539246644989124],
  [-0.5, 8.934802200544679],
  [0.001, 1000001.6425331958],
  [0.3, 12.245364546107732],
  [1.0001, 1.6446936879331444],
  [1.4616321449683622, 0.9676722454476212],
  [2.2, 0.5729327609793347],
  [3.7, 0.3100378576700383],
  [9.99, 0.10527695014824179],
  [10.5, 0.09991695605912673],
  [55.5, 0.01818131736322176],
  [1234.5, 0.0008103727271269667],
];
const TETRAGAMMA = [
  [-7.3, 68.82117406359033],
  [-2.5, -0.1082040516417274],
  [-0.5, -0.82879664423432],
  [0.001, -2000000002.3976321],
  [0.3, -75.27253658872604],
  [1.0001, -2.4034645367899485],
  [1.4616321449683622, -0.8855263379671844],
  [2.2, -0.3206287070285256],
  [3.7, -0.09539530872855403],
  [9.99, -0.011073070531461051],
  [10.5, -0.00997514424771517],
  [55.5, -0.0003305511971249759],
  [1234.5, -6.567039209328715e-7],
];
const ERF = [
  [-30, -1.0],
  [-5.5, -0.9999999999999927],
  [-1.3, -0.9340079449406524],
  [-0.9, -0.7969082124228322],
  [-0.3, -0.3286267594591274],
  [-1e-5, -1.1283791670579e-5],
  [0.1, 0.1124629160182849],
  [0.6, 0.6038560908479259],
  [1.0, 0.8427007929497149],
  [1.7, 0.9837904585907745],
  [3.3, 0.9999969422902035],
  [6.5, 1.0],
  [12, 1.0],
];
const ERFC = [
  [-30, 2.0],
  [-5.5, 1.9999999999999927],
  [-1.3, 1.9340079449406524],
  [-0.9, 1.7969082124228322],
  [-0.3, 1.3286267594591274],
  [-1e-5, 1.0000112837916706],
  [0.1, 0.887537083981715],
  [0.6, 0.3961439091520741],
  [1.0, 0.15729920705028513],
  [1.7, 0.01620954140922544],
  [3.3, 3.0577097964381654e-6],
  [6.5, 3.8421483271206475e-20],
  [12, 1.3562611692059042e-64],
  [27.5, 0.0],
];
const LOG_PHI = [
  [-40, -804.6084420137538],
  [-25, -316.63940800802027],
  [-19.5, -194.0169657774975],
  [-8, -35.01343715991455],
  [-1, -1.8410216450092636],
  [0, -0.6931471805599453],
  [1.5, -0.06914345561223398],
  [6, -9.865876455243758e-10],
  [9, -1.1285884059538405e-19],
];
const INV_PHI = [
  [1e-20, -9.262340089798407],
  [1e-5, -4.264890793922825],
  [0.01, -2.326347874040841],
  [0.3, -0.5244005127080408],
  [0.5, 0.0],
  [0.7, 0.5244005127080407],
  [0.975, 1.9599639845400538],
  [0.999999, 4.753424308817087],
];
const LBETA = [
  [0.5, 0.5, 1.1447298858494002],
  [2, 3, -2.4849066497880004],
  [0.001, 7, 6.905306024280088],
  [15, 2.5, -6.605210842735749],
  [1e10, 2, -46.051701859980916],
  [30, 40, -48.30174909591612],
  [1e8, 1e9, -335099715.32790864],
];
const LCHOOSE = [
  [5, 2, 2.302585092994046],
  [10, 3, 4.787491742782046],
  [20.5, 4.25, 8.915927636610776],
  [1000, 10, 53.927997037888275],
  [1e6, 3, 39.654769204662266],
];

describe('gamma family', () => {
  test('lgamma against mpmath', () => expectClose(S.lgamma, LGAMMA, 1e-14, 1e-3));
  test('digamma against mpmath', () => expectClose(S.digamma, DIGAMMA, 1e-14, 1e-3));
  test('digamma at its positive root (absolute)', () =>
    expect(Math.abs(S.digamma(1.4616321449683622))).toBeLessThan(1e-15));
  test('trigamma against mpmath', () => expectClose(S.trigamma, TRIGAMMA, 1e-14));
  test('tetragamma against mpmath', () => expectClose(S.tetragamma, TETRAGAMMA, 1e-13));
  test('lgamma and digamma against @stdlib over a grid', () => {
    for (let i = 0; i < 4000; i++) {
      const x = -30 + i * 0.0187 + 1e-7;
      expect(close(S.lgamma(x), gammaln(x), 1e-12, 1)).toBe(true);
      const near = Math.abs(x - Math.round(x)) < 1e-3; // digamma's poles amplify any error
      if (!near) expect(close(S.digamma(x), stdlibDigamma(x), 1e-12, 1)).toBe(true);
    }
    for (let i = 0; i < 2000; i++) {
      const x = 1e-3 * Math.exp(i * 0.01);
      expect(close(S.lgamma(x), gammaln(x), 1e-12, 1e-2)).toBe(true);
      expect(close(S.digamma(x), stdlibDigamma(x), 1e-12, 1e-2)).toBe(true);
    }
  });
  test('closed forms and special values', () => {
    expect(S.lgamma(1)).toBe(0);
    expect(S.lgamma(2)).toBe(0);
    expect(close(S.lgamma(0.5), 0.5 * Math.log(Math.PI), 1e-15)).toBe(true);
    expect(S.lgamma(0)).toBe(Infinity);
    expect(S.lgamma(-3)).toBe(Infinity);
    expect(S.lgamma(NaN)).toBeNaN();
    expect(close(S.trigamma(1), Math.PI ** 2 / 6, 1e-15)).toBe(true);
    expect(close(S.trigamma(0.5), Math.PI ** 2 / 2, 1e-15)).toBe(true);
    expect(close(S.digamma(1), -0.5772156649015329, 1e-15)).toBe(true);
    expect(S.digamma(-2)).toBeNaN();
    expect(S.tgamma(5)).toBe(24);
    expect(close(S.tgamma(0.5), Math.sqrt(Math.PI), 1e-14)).toBe(true);
    expect(close(S.tgamma(-0.5), -2 * Math.sqrt(Math.PI), 1e-14)).toBe(true);
    expect(close(S.tgamma(-1.5), (4 / 3) * Math.sqrt(Math.PI), 1e-14)).toBe(true);
    expect(S.tgamma(0)).toBeNaN();
  });
  test('recurrences hold on a grid', () => {
    for (let x = 0.05; x < 30; x += 0.37) {
      expect(close(S.lgamma(x + 1), S.lgamma(x) + Math.log(x), 1e-13, 1)).toBe(true);
      expect(close(S.digamma(x + 1), S.digamma(x) + 1 / x, 1e-13, 1)).toBe(true);
      expect(close(S.trigamma(x + 1), S.trigamma(x) - 1 / (x * x), 1e-13, 1)).toBe(true);
    }
  });
  test('lbeta and lchoose against mpmath', () => {
    expectClose(S.lbeta, LBETA, 1e-13);
    expectClose(S.lchoose, LCHOOSE, 1e-13);
    expect(S.lchoose(7, 0)).toBe(0);
    expect(S.lchoose(7, 7)).toBe(0);
  });
});

describe('error function and normal', () => {
  test('erf and erfc against mpmath', () => {
    expectClose(S.erf, ERF, 2e-16);
    expectClose(S.erfc, ERFC, 1e-15);
  });
  test('log Phi against mpmath, deep into the left tail', () => expectClose(S.logPhi, LOG_PHI, 1e-14));
  test('inv_Phi against mpmath and as the inverse of Phi', () => {
    expectClose(S.invPhi, INV_PHI, 1e-15, 1e-3);
    for (let i = 1; i < 2000; i++) {
      const p = i / 2000;
      expect(close(S.Phi(S.invPhi(p)), p, 4e-15)).toBe(true);
    }
    for (const p of [1e-300, 1e-100, 1e-30]) expect(close(S.Phi(S.invPhi(p)), p, 1e-13)).toBe(true);
    expect(S.invPhi(0)).toBe(-Infinity);
    expect(S.invPhi(1)).toBe(Infinity);
    expect(S.invPhi(1.5)).toBeNaN();
  });
  test('dlogPhi is the derivative of logPhi', () => {
    for (const x of [-60, -30, -19.9, -20.1, -3, 0, 2, 7]) {
      const h = 1e-5 * Math.max(1, Math.abs(x));
      const fd = (S.logPhi(x + h) - S.logPhi(x - h)) / (2 * h);
      expect(close(S.dlogPhi(x), fd, 1e-7)).toBe(true);
    }
  });
});

describe('logistic and log-sum-exp family', () => {
  test('stable forms', () => {
    expect(S.log1pExp(800)).toBe(800);
    expect(close(S.log1pExp(-800), 0, 1)).toBe(true);
    expect(close(S.log1pExp(-40), Math.exp(-40), 1e-15)).toBe(true);
    expect(close(S.log1mExp(-1e-20), Math.log(1e-20), 1e-15)).toBe(true);
    expect(close(S.log1mExp(-50), -Math.exp(-50), 1e-15)).toBe(true);
    expect(S.log1mExp(0)).toBe(-Infinity);
    expect(S.log1mExp(1)).toBeNaN();
    expect(close(S.logInvLogit(-800), -800, 1e-15)).toBe(true);
    expect(close(S.log1mInvLogit(800), -800, 1e-15)).toBe(true);
    expect(S.invLogit(-800)).toBe(0);
    expect(S.invLogit(800)).toBe(1);
    expect(close(S.logit(S.invLogit(3.5)), 3.5, 1e-14)).toBe(true);
    expect(close(S.logSumExp2(1000, 1000), 1000 + Math.LN2, 1e-15)).toBe(true);
    expect(S.logSumExp2(-Infinity, -Infinity)).toBe(-Infinity);
    expect(close(S.logDiffExp(0, -1), Math.log(1 - Math.exp(-1)), 1e-15)).toBe(true);
    expect(S.logDiffExp(1, 1)).toBe(-Infinity);
    expect(S.logDiffExp(1, 2)).toBeNaN();
    expect(close(S.logSumExp([1000, 1000, 1000]), 1000 + Math.log(3), 1e-15)).toBe(true);
    expect(S.logSumExp([])).toBe(-Infinity);
    expect(S.multiplyLog(0, 0)).toBe(0);
    expect(S.roundHalfAway(-2.5)).toBe(-3);
    expect(S.roundHalfAway(2.5)).toBe(3);
    expect(S.fmin(NaN, 2)).toBe(2);
  });
});
