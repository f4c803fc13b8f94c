/**
 * A reader for R dump files (`.data.R`, as written by R's `dump()` and
 * used across stan-dev/example-models): `name <- value` assignments whose
 * values are numbers, `c(...)`, `a:b` ranges, `structure(c(...), .Dim =
 * c(r, c))` (column-major, converted to nested row-major arrays) and
 * `list`-free scalars. Enough to turn those files into Stan JSON data.
 */
type Value = number | Value[];

export function readRDump(text: string): Record<string, Value> {
  const out: Record<string, Value> = {};
  const src = text.replace(/#[^\n]*/g, '');
  let at = 0;
  const ws = () => {
    while (at < src.length && /[\s;]/.test(src[at]!)) at++;
  };
  const expect = (s: string) => {
    ws();
    if (!src.startsWith(s, at)) throw new Error(`R dump: expected '${s}' at offset ${at}`);
    at += s.length;
  };
  const name = (): string => {
    ws();
    const m = /^(?:"([^"]+)"|`([^`]+)`|'([^']+)'|([A-Za-z.][A-Za-z0-9._]*))/.exec(src.slice(at));
    if (!m) throw new Error(`R dump: expected a name at offset ${at}`);
    at += m[0].length;
    return m[1] ?? m[2] ?? m[3] ?? m[4]!;
  };
  const number = (): number => {
    ws();
    const m = /^(-?\s*(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|Inf)|NA|TRUE|FALSE|NaN)L?/.exec(
      src.slice(at),
    );
    if (!m) throw new Error(`R dump: expected a number at offset ${at}`);
    at += m[0].length;
    const t = m[1] ?? m[0];
    if (t === 'TRUE') return 1;
    if (t === 'FALSE') return 0;
    if (t === 'NA' || t === 'NaN') return NaN;
    return Number(t.replace(/\s+/g, '').replace('Inf', 'Infinity'));
  };
  const vector = (): number[] => {
    ws();
    if (src.startsWith('c(', at) || src.startsWith('c (', at)) {
      at = src.indexOf('(', at) + 1;
      const xs: number[] = [];
      ws();
      if (src[at] === ')') {
        at++;
        return xs;
      }
      for (;;) {
        xs.push(...vector());
        ws();
        if (src[at] === ',') {
          at++;
          continue;
        }
        expect(')');
        return xs;
      }
    }
    if (src.startsWith('integer(0)', at) || src.startsWith('double(0)', at)) {
      at = src.indexOf(')', at) + 1;
      return [];
    }
    const a = number();
    ws();
    if (src[at] === ':') {
      at++;
      const b = number();
      const xs: number[] = [];
      for (let x = a; a <= b ? x <= b : x >= b; x += a <= b ? 1 : -1) xs.push(x);
      return xs;
    }
    return [a];
  };
  const value = (): Value => {
    ws();
    if (src.startsWith('structure(', at)) {
      at += 'structure('.length;
      const data = vector();
      let dims: number[] | undefined;
      ws();
      while (src[at] === ',') {
        at++;
        const key = name();
        expect('=');
        const v = vector();
        if (key === '.Dim') dims = v;
        ws();
      }
      expect(')');
      return dims ? fromColumnMajor(data, dims) : data;
    }
    const isVector = /^(?:c\s*\(|[-\d.]+L?\s*:)/.test(src.slice(at));
    const v = vector();
    return !isVector && v.length === 1 ? v[0]! : v;
  };
  for (;;) {
    ws();
    if (at >= src.length) break;
    const key = name();
    ws();
    if (src.startsWith('<-', at)) at += 2;
    else expect('=');
    out[key] = value();
  }
  return out;
}

/** R's column-major array of dims → nested row-major arrays. */
function fromColumnMajor(data: number[], dims: number[]): Value {
  const strides: number[] = [];
  let s = 1;
  for (const d of dims) {
    strides.push(s);
    s *= d;
  }
  const build = (level: number, offset: number): Value => {
    if (level === dims.length) return data[offset]!;
    return Array.from({ length: dims[level]! }, (_, i) => build(level + 1, offset + i * strides[level]!));
  };
  return build(0, 0);
}
