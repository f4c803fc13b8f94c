/**
 * Parsing Stan JSON data (as CmdStan reads it), from text: no file access,
 * so browsers can use it. Our own reader rather than JSON.parse, for
 * CmdStan's conventions: bare NaN, Infinity and -Infinity, the strings
 * "NaN", "Inf", "inf", "Infinity" (and negatives), a duplicate key an
 * error, a byte-order mark accepted, nesting under the nesting limit, and
 * every syntax error located (line, column). Values of undeclared keys may
 * be anything: only declared variables are validated, by the compiler.
 * Objects are built without a prototype, so `__proto__` is just a key.
 */
import { LangevinError } from '../errors.js';
import type { Span } from '../language/ast.js';
import { limits } from '../limits.js';
import type { ModelData } from '../model/types.js';

const NON_FINITE: Record<string, number> = {
  NaN: Number.NaN,
  nan: Number.NaN,
  Inf: Infinity,
  inf: Infinity,
  Infinity: Infinity,
  infinity: Infinity,
  '+Inf': Infinity,
  '+inf': Infinity,
  '+Infinity': Infinity,
  '-Inf': -Infinity,
  '-inf': -Infinity,
  '-Infinity': -Infinity,
  '-infinity': -Infinity,
};

/**
 * Parse Stan JSON into data: numbers and nested arrays for numeric values, anything else kept for the binder to report if declared.
 * @example
 * ```ts
 * import { parseStanJson } from 'langevin';
 * const data = parseStanJson('{ "N": 3, "y": [1.5, "inf", -2] }', 'data.json');
 * console.log(data.N, data.y); // → 3 [ 1.5, Infinity, -2 ]
 * ```
 */
export function parseStanJson(text: string, file: string): ModelData {
  const reader = new JsonReader(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file);
  return reader.document();
}

class JsonReader {
  private at = 0;
  private readonly maxDepth = limits().nesting;
  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  document(): ModelData {
    this.space();
    if (this.text[this.at] !== '{') {
      if (this.at >= this.text.length)
        this.fail('invalid JSON: the file is empty (expected an object such as {"N": 3})');
      this.fail('data must be a JSON object mapping names to values');
    }
    const data = this.object(0, true) as ModelData;
    this.space();
    if (this.at < this.text.length) this.fail(`invalid JSON: unexpected ${this.describe()} after the data object`);
    return data;
  }

  private value(depth: number): unknown {
    if (depth > this.maxDepth) {
      this.fail(`invalid JSON: nested too deeply (more than ${this.maxDepth} levels, the nesting limit)`);
    }
    this.space();
    const c = this.text[this.at];
    if (c === '{') return this.object(depth + 1, false);
    if (c === '[') return this.array(depth + 1);
    if (c === '"') {
      const s = this.string();
      return s in NON_FINITE ? NON_FINITE[s] : s;
    }
    if (c === '-' || c === '+' || (c !== undefined && c >= '0' && c <= '9') || c === 'N' || c === 'I')
      return this.number();
    for (const [word, v] of [
      ['true', 1],
      ['false', 0],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return v;
      }
    }
    this.fail(`invalid JSON: unexpected ${this.describe()}; expected a value`);
  }

  private object(depth: number, topLevel: boolean): Record<string, unknown> {
    const out = Object.create(null) as Record<string, unknown>;
    const firstSeen = new Map<string, number>();
    this.at++; // {
    this.space();
    if (this.text[this.at] === '}') {
      this.at++;
      return out;
    }
    for (;;) {
      this.space();
      if (this.text[this.at] !== '"')
        this.fail(`invalid JSON: unexpected ${this.describe()}; expected a key in double quotes`);
      const keyAt = this.at;
      const key = this.string();
      if (topLevel && firstSeen.has(key)) {
        const first = this.position(firstSeen.get(key)!);
        this.fail(
          `duplicate key '${key}' in the data (first given at line ${first.line}, column ${first.column})`,
          keyAt,
        );
      }
      firstSeen.set(key, keyAt);
      this.space();
      if (this.text[this.at] !== ':')
        this.fail(`invalid JSON: unexpected ${this.describe()}; expected ':' after the key`);
      this.at++;
      const v = this.value(depth);
      out[key] = topLevel ? convertValue(v) : v;
      this.space();
      const c = this.text[this.at];
      this.at++;
      if (c === '}') return out;
      if (c !== ',')
        this.fail(`invalid JSON: unexpected ${this.describe(this.at - 1)}; expected ',' or '}'`, this.at - 1);
    }
  }

  private array(depth: number): unknown[] {
    const out: unknown[] = [];
    this.at++; // [
    this.space();
    if (this.text[this.at] === ']') {
      this.at++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth));
      this.space();
      const c = this.text[this.at];
      this.at++;
      if (c === ']') return out;
      if (c !== ',')
        this.fail(`invalid JSON: unexpected ${this.describe(this.at - 1)}; expected ',' or ']'`, this.at - 1);
    }
  }

  private string(): string {
    const start = this.at;
    this.at++; // "
    let out = '';
    for (;;) {
      const end = this.text.slice(this.at).search(/["\\\n\r]/);
      if (end < 0) this.fail('invalid JSON: unterminated string', start);
      out += this.text.slice(this.at, this.at + end);
      this.at += end;
      const c = this.text[this.at]!;
      if (c === '"') {
        this.at++;
        return out;
      }
      if (c !== '\\') this.fail('invalid JSON: unterminated string (a newline inside quotes)', start);
      const e = this.text[this.at + 1];
      const simple: Record<string, string> = {
        '"': '"',
        '\\': '\\',
        '/': '/',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
      };
      if (e !== undefined && e in simple) {
        out += simple[e];
        this.at += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 2, this.at + 6))) {
        out += String.fromCharCode(parseInt(this.text.slice(this.at + 2, this.at + 6), 16));
        this.at += 6;
      } else {
        this.fail('invalid JSON: bad escape in a string');
      }
    }
  }

  private number(): number {
    const rest = this.text.slice(this.at, this.at + 400);
    const word = /^[+-]?(NaN|Infinity|Inf)\b/.exec(rest);
    if (word) {
      this.at += word[0].length;
      return NON_FINITE[word[0]] ?? Number.NaN;
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (!m || m[0] === '-') this.fail(`invalid JSON: unexpected ${this.describe()}; expected a number`);
    this.at += m[0].length;
    return Number(m[0]);
  }

  private space(): void {
    while (this.at < this.text.length && ' \t\n\r'.includes(this.text[this.at]!)) this.at++;
  }

  private describe(at = this.at): string {
    if (at >= this.text.length) return 'end of file';
    return `'${this.text[at]}'`;
  }

  private position(offset: number): { line: number; column: number } {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
      const c = this.text[i];
      if (c === '\n' || (c === '\r' && this.text[i + 1] !== '\n')) {
        line++;
        lineStart = i + 1;
      }
    }
    return { line, column: offset - lineStart + 1 };
  }

  private fail(message: string, offset = this.at): never {
    const at = Math.min(offset, this.text.length);
    const { line, column } = this.position(at);
    const span: Span = { start: { offset: at, line, column }, end: { offset: at + 1, line, column: column + 1 } };
    throw new LangevinError({ severity: 'error', message, file: this.file, span });
  }
}

/** Numbers stay, booleans become 0/1, arrays convert element-wise; anything else is kept for the binder to name if declared. */
function convertValue(value: unknown): unknown {
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) {
    let numeric = true;
    const out = value.map((v) => {
      const c = convertValue(v);
      if (typeof c !== 'number' && !Array.isArray(c)) numeric = false;
      return c;
    });
    return numeric ? out : value;
  }
  return value;
}
