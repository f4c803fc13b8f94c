/**
 * `__proto__`, `constructor` and `prototype` in data or as names cannot
 * pollute prototypes or be mistaken for inherited properties: the data
 * reader builds prototype-less objects and the binder reads own keys only.
 */
import { describe, expect, it } from 'vitest';
import { compileSync } from '../../src/compile/compile.js';
import { LangevinError } from '../../src/errors.js';
import { parseStanJson } from '../../src/io/stan-json.js';

const clean = (): void => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect((Object.prototype as Record<string, unknown>).x).toBeUndefined();
  expect(typeof Object.prototype.toString).toBe('function');
};

describe('prototype keys in data', () => {
  it('keeps __proto__, constructor and prototype as plain keys', () => {
    const data = parseStanJson(
      '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"x": 1}}, "prototype": 3, "N": 2}',
      'd.json',
    ) as Record<string, unknown>;
    clean();
    expect(Object.keys(data).sort()).toEqual(['N', '__proto__', 'constructor', 'prototype']);
    expect(Object.getPrototypeOf(data)).toBeNull();
    expect(data.prototype).toBe(3);
  });

  it('nested objects of undeclared keys are prototype-less too', () => {
    const data = parseStanJson('{"a": {"__proto__": {"polluted": true}}}', 'd.json') as unknown as Record<
      string,
      Record<string, unknown>
    >;
    clean();
    expect(Object.getPrototypeOf(data.a)).toBeNull();
  });

  it('a Stan variable named constructor reads the data key, never Object.prototype.constructor', () => {
    const model = 'data { real constructor; }\nparameters { real x; }\nmodel { x ~ normal(constructor, 1); }\n';
    const m = compileSync(model, { data: parseStanJson('{"constructor": 2.5}', 'd.json'), backend: 'f64' });
    expect(m.dim).toBe(1);
    m.dispose();
    expect(() => compileSync(model, { data: parseStanJson('{}', 'd.json'), backend: 'f64' })).toThrow(LangevinError);
    try {
      compileSync(model, { data: {}, backend: 'f64' });
    } catch (e) {
      expect((e as LangevinError).diagnostics[0]!.code).toBe('E403');
    }
    clean();
  });

  it('an undeclared object or string value is ignored', () => {
    const model = 'data { int N; }\nparameters { real x; }\nmodel { x ~ normal(N, 1); }\n';
    const m = compileSync(model, {
      data: parseStanJson('{"N": 1, "meta": {"who": "me"}, "note": "text", "flags": [true, null]}', 'd.json'),
      backend: 'f64',
    });
    expect(m.dim).toBe(1);
    m.dispose();
  });

  it('a duplicate __proto__ key is an error, not a silent overwrite', () => {
    expect(() => parseStanJson('{"__proto__": 1, "__proto__": 2}', 'd.json')).toThrow(/duplicate key '__proto__'/);
  });
});
