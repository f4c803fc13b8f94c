/**
 * The bad-input cases: each a model (and maybe data) plus CLI arguments, the
 * catalogue code it must fail with (exit 1) and, where there is one, the
 * location `line:column` the message must give. Files are written to a
 * temporary directory by the runner; `$DIR` in args stands for it.
 */
export interface BadCase {
  name: string;
  /** Model text (written to model.stan) — absent when args name other files. */
  model?: string;
  /** Data text (written to data.json, passed with --data). */
  data?: string;
  /** Extra files written to $DIR. */
  files?: Record<string, string | Uint8Array>;
  /** Command and options; default ['check', '$DIR/model.stan'] (+ --data). */
  args?: string[];
  code: string;
  /** `line:column` expected in the message (in the model, or the file named by `in`). */
  at?: string;
  in?: string;
}

const P = 'parameters { real x; }\nmodel { x ~ normal(0, 1); }\n';
const wrap = (body: string): string => `parameters { real x; }\nmodel {\n  ${body}\n}\n`;
const nest = (open: string, inner: string, close: string, n: number): string =>
  open.repeat(n) + inner + close.repeat(n);

const syntax: BadCase[] = [
  ['missing semicolon', 'parameters { real x }\nmodel { x ~ normal(0, 1); }\n', '1:21'],
  ['missing closing brace', 'parameters { real x; }\nmodel { x ~ normal(0, 1);\n', '2:26'],
  ['unclosed paren', wrap('x ~ normal((0, 1);'), '3:16'],
  ['stray closing paren', wrap('x ~ normal(0, 1));'), '3:19'],
  ['misspelt block', 'parameter { real x; }\nmodel { x ~ normal(0, 1); }\n', '1:1'],
  ['two tildes', wrap('x ~ ~ normal(0, 1);'), '3:7'],
  ['trailing comma', wrap('x ~ normal(0, 1,);'), '3:19'],
  ['missing type', 'parameters { x; }\nmodel { }\n', '1:14'],
  ['bad operator', wrap('target += x ** 2;'), '3:16'],
  ['lone else', wrap('else x ~ normal(0, 1);'), '3:3'],
  ['for without range', wrap('for (i in ) x ~ normal(0, 1);'), '3:13'],
  ['while without condition', wrap('while () x ~ normal(0, 1);'), '3:10'],
  ['keyword as name', 'parameters { real for; }\nmodel { }\n', '1:19'],
  ['block twice', 'parameters { real x; }\nparameters { real y; }\nmodel { }\n', undefined],
  ['blocks out of order', 'model { }\nparameters { real x; }\n', undefined],
  ['unexpected end of file', 'parameters { real x; }\nmodel {', '2:8'],
  ['number then name', wrap('target += 2x;'), '3:14'],
  ['double comma', wrap('x ~ normal(0,, 1);'), '3:16'],
  ['bad constraint syntax', 'parameters { real<lower 0> x; }\nmodel { }\n', '1:25'],
  ['statement in parameters', 'parameters { real x; x = 1; }\nmodel { }\n', undefined],
  ['garbage', '@@@@', '1:1'],
].map(([name, model, at]) => ({
  name: `syntax: ${name}`,
  model: model as string,
  code: name === 'garbage' ? 'E201' : 'E205',
  at: at as string | undefined,
}));

const lexical: BadCase[] = [
  {
    name: 'lexical: unterminated comment',
    model: 'parameters { real x; }\n/* never closed\nmodel { }\n',
    code: 'E202',
    at: '2:1',
  },
  { name: 'lexical: unterminated string', model: wrap('print("hello);'), code: 'E202', at: '3:9' },
  { name: 'lexical: unexpected character', model: wrap('x ~ normal(0, 1) @;'), code: 'E201', at: '3:20' },
  { name: 'lexical: hash comment', model: '# old comment\n' + P, code: 'E203', at: '1:1' },
  { name: 'lexical: include', model: '#include "other.stan"\n' + P, code: 'E203', at: '1:1' },
  { name: 'lexical: int literal too large', model: wrap('target += 99999999999;'), code: 'E204', at: '3:13' },
  { name: 'lexical: imaginary literal', model: wrap('target += 2i;'), code: 'E203', at: '3:13' },
  { name: 'lexical: NUL in model', files: { 'model.stan': new Uint8Array([112, 0, 113]) }, code: 'E104' },
];

const names: BadCase[] = [
  { name: 'names: unknown variable', model: wrap('y ~ normal(0, 1);'), code: 'E301', at: '3:3' },
  {
    name: 'names: misspelt variable',
    model: 'parameters { real sigma; }\nmodel { sigma ~ normal(0, sigm); }\n',
    code: 'E301',
    at: '2:27',
  },
  { name: 'names: unknown distribution', model: wrap('x ~ nromal(0, 1);'), code: 'E302', at: '3:7' },
  { name: 'names: unknown function', model: wrap('target += foo(x);'), code: 'E302', at: '3:13' },
  { name: 'names: distribution with suffix', model: wrap('x ~ normal_lpdf(0, 1);'), code: 'E302', at: '3:7' },
  {
    name: 'names: duplicate declaration',
    model: 'parameters { real x; real x; }\nmodel { }\n',
    code: 'E306',
    at: '1:27',
  },
  { name: 'names: reserved word', model: 'parameters { real lower__; }\nmodel { }\n', code: 'E306', at: '1:19' },
  {
    name: 'names: used before declared',
    model: 'transformed data { real a = b; real b = 1; }\nparameters { real x; }\nmodel { }\n',
    code: 'E301',
    at: '1:29',
  },
  {
    name: 'names: loop variable out of scope',
    model: wrap('for (i in 1:3) { } target += i;'),
    code: 'E301',
    at: '3:32',
  },
];

const types: BadCase[] = [
  ['real as size', 'data { real N; } parameters { vector[N] x; }\nmodel { }\n', '1:38', 'E304'],
  ['vector plus matrix', wrap('target += rep_vector(0, 2) + rep_matrix(0, 2, 2);'), '3:13', 'E304'],
  ['int condition of wrong type', wrap('if ([1, 2]) target += 1;'), '3:7', 'E304'],
  ['wrong argument count', wrap('x ~ normal(0);'), '3:7', 'E303'],
  ['too many arguments', wrap('x ~ normal(0, 1, 2);'), '3:7', 'E303'],
  ['index into a real', wrap('target += x[1];'), '3:13', 'E304'],
  ['empty index', wrap('x ~ normal(x[], 1);'), '3:14', 'E304'],
  ['real index', wrap('vector[3] v = rep_vector(0, 3); target += v[1.5];'), undefined, 'E304'],
  ['loop bound real', wrap('for (i in 1:2.5) target += 1;'), '3:15', 'E304'],
  ['ternary condition real vector', wrap('target += rep_vector(1, 2) ? 1 : 0;'), undefined, 'E304'],
  ['prefix on array', wrap('target += sum(!{1.5, 2.5});'), undefined, 'E304'],
  ['transpose of array', wrap("target += sum({1.5, 2.5}');"), undefined, 'E304'],
  ['mixed array literal', wrap('target += sum({1, [1, 2]});'), undefined, 'E304'],
  ['string outside print', wrap('target += "a";'), '3:13', 'E305'],
  ['discrete density suffix', wrap('target += poisson_lpdf(3 | x);'), '3:13', 'E304'],
  ['continuous mass suffix', wrap('target += normal_lpmf(x | 0, 1);'), '3:13', 'E304'],
  ['bar in plain call', wrap('target += exp(x | 1);'), '3:13', 'E305'],
  ['density without bar', wrap('target += normal_lpdf(x, 0, 1);'), '3:13', 'E303'],
].map(([name, model, at, code]) => ({
  name: `types: ${name}`,
  model: model as string,
  at: at as string | undefined,
  code: code as string,
}));

const blocks: BadCase[] = [
  {
    name: 'blocks: tilde in generated quantities',
    model: P + 'generated quantities { real y = 0; y ~ normal(0, 1); }\n',
    code: 'E305',
    at: '3:36',
  },
  {
    name: 'blocks: target() in generated quantities',
    model: P + 'generated quantities { real y = target(); }\n',
    code: 'E305',
    at: '3:33',
  },
  { name: 'blocks: assignment to an expression', model: wrap('x + 1 = 2;'), code: 'E308', at: '3:3' },
  {
    name: 'blocks: parameters block twice',
    model: 'parameters { real x; }\nparameters { real y; }\nmodel { }\n',
    code: 'E205',
    at: '2:1',
  },
  { name: 'blocks: blocks out of order', model: 'model { }\nparameters { real x; }\n', code: 'E205', at: '2:1' },
  {
    name: 'blocks: target += in transformed data',
    model: 'transformed data { target += 1; }\n' + P,
    code: 'E305',
    at: '1:20',
  },
  { name: 'blocks: rng in model', model: wrap('real y = normal_rng(0, 1); target += y;'), code: 'E305' },
  { name: 'blocks: break outside loop', model: wrap('break;'), code: 'E305', at: '3:3' },
  {
    name: 'blocks: assign to data',
    model: 'data { real a; }\nparameters { real x; }\nmodel { a = 1; }\n',
    code: 'E308',
    at: '3:9',
  },
  { name: 'blocks: assign to parameter', model: wrap('x = 1;'), code: 'E308', at: '3:3' },
  { name: 'blocks: assign to loop variable', model: wrap('for (i in 1:3) { i = 2; }'), code: 'E308', at: '3:20' },
  { name: 'blocks: constraint on local', model: wrap('real<lower=0> y = 1; target += y;'), code: 'E307', at: '3:3' },
  { name: 'blocks: parameter initial value', model: 'parameters { real x = 1; }\nmodel { }\n', code: 'E307' },
  { name: 'blocks: int parameter', model: 'parameters { int n; }\nmodel { }\n', code: 'E307', at: '1:14' },
  {
    name: 'blocks: bad constraint on simplex',
    model: 'parameters { simplex<lower=0>[3] s; }\nmodel { }\n',
    code: 'E307',
    at: '1:21',
  },
  {
    name: 'blocks: offset on int',
    model: 'data { int<offset=1> n; }\nparameters { real x; }\nmodel { }\n',
    code: 'E307',
    at: '1:11',
  },
  { name: 'blocks: bound and offset', model: 'parameters { real<lower=0, offset=1> x; }\nmodel { }\n', code: 'E307' },
  {
    name: 'blocks: truncation of multivariate',
    model:
      'parameters { vector[2] v; }\nmodel { v ~ multi_normal(rep_vector(0, 2), diag_matrix(rep_vector(1, 2))) T[0, ]; }\n',
    code: 'E309',
  },
];

const DEPTH = 150;
const nesting: BadCase[] = [
  ['parentheses', wrap(`target += ${nest('(', 'x', ')', DEPTH)};`)],
  ['braces', wrap(nest('{ ', 'target += x;', ' }', DEPTH))],
  ['if statements', wrap(`${'if (1) '.repeat(DEPTH)}target += x;`)],
  ['for loops', wrap(`${'for (i in 1:1) '.repeat(DEPTH)}target += x;`)],
  ['while loops', wrap(`${'while (0) '.repeat(DEPTH)}target += x;`)],
  ['unary minus', wrap(`target += ${'-'.repeat(DEPTH * 10)}x;`)],
  ['indexing', 'data { array[2] int a; }\n' + wrap(`target += a[${nest('a[', '1', ']', DEPTH)}];`)],
  ['array literals', wrap(`target += ${nest('{', '1', '}', DEPTH)}[1];`)],
  ['calls', wrap(`target += ${nest('exp(', 'x', ')', DEPTH)};`)],
  ['ternaries', wrap(`target += ${'1 ? 0 : '.repeat(DEPTH * 5)}x;`)],
  ['powers', wrap(`target += ${'x ^ '.repeat(DEPTH * 5)}x;`)],
  ['else if chain', wrap(`${'if (x > 0) target += 1; else '.repeat(DEPTH)}target += x;`)],
  ['mixed', wrap(`target += ${nest('-(', '{x}[1]', ')', DEPTH)};`)],
].map(([name, model]) => ({ name: `nesting: ${name}`, model: model as string, code: 'E701' }));

const memory: BadCase[] = [
  {
    name: 'memory: huge vector parameter',
    model: 'parameters { vector[1000000000] v; }\nmodel { }\n',
    code: 'E702',
    at: '1:14',
  },
  {
    name: 'memory: huge matrix',
    model: 'parameters { matrix[100000, 100000] m; }\nmodel { }\n',
    code: 'E702',
    at: '1:14',
  },
  {
    name: 'memory: huge array of vectors',
    model: 'transformed data { array[100000] vector[100000] a; }\n' + P,
    code: 'E702',
    at: '1:20',
  },
  {
    name: 'memory: huge data size',
    model: 'data { int J; vector[J] y; }\n' + P,
    data: '{"J": 1e20, "y": []}',
    code: 'E702',
  },
  {
    name: 'memory: huge generated quantity',
    model: P + 'generated quantities { vector[2000000000] g; }\n',
    code: 'E702',
    at: '3:24',
  },
  {
    name: 'memory: a billion chains',
    model: P,
    args: ['sample', '$DIR/model.stan', '--chains', '1000000000'],
    code: 'E702',
  },
  {
    name: 'memory: draws over budget',
    model: P,
    args: ['sample', '$DIR/model.stan', '--draws', '100000000', '--chains', '100'],
    code: 'E702',
  },
  {
    name: 'memory: budget flag lowers it',
    model: 'parameters { vector[1000] v; }\nmodel { }\n',
    args: ['check', '$DIR/model.stan', '--max-memory-mb', '0.001'],
    code: 'E702',
    at: '1:14',
  },
];

const D = 'data { int<lower=0> N; vector[N] y; }\nparameters { real mu; }\nmodel { y ~ normal(mu, 1); }\n';
const dataCases: BadCase[] = [
  ['trailing garbage', '{"N": 1, "y": [1]} x', 'E401', '1:20'],
  ['missing brace', '{"N": 1, "y": [1]', 'E401', '1:18'],
  ['single quotes', "{'N': 1}", 'E401', '1:2'],
  ['unquoted key', '{N: 1}', 'E401', '1:2'],
  ['missing colon', '{"N" 1}', 'E401', '1:6'],
  ['missing comma', '{"N": 1 "y": [1]}', 'E401', '1:9'],
  ['trailing comma', '{"N": 1, "y": [1],}', 'E401', '1:19'],
  ['bad number', '{"N": 01, "y": [1]}', 'E401', '1:8'],
  ['bad escape', '{"N\\x": 1}', 'E401', '1:4'],
  ['unterminated string', '{"N": 1, "y', 'E401', '1:10'],
  ['empty file', '', 'E401', undefined],
  ['array at top', '[1, 2]', 'E401', '1:1'],
  ['number at top', '3', 'E401', '1:1'],
  ['too deep', `{"z": ${nest('[', '1', ']', 200)}}`, 'E701', '1:108'],
  ['duplicate key', '{"N": 1, "y": [1], "N": 2}', 'E402', '1:20'],
  ['duplicate __proto__ key', '{"__proto__": 1, "__proto__": 2, "N": 1, "y": [1]}', 'E402', '1:18'],
  ['missing variable', '{"N": 1}', 'E403', undefined],
  ['wrong length', '{"N": 2, "y": [1]}', 'E404', undefined],
  ['scalar for vector', '{"N": 1, "y": 1}', 'E404', undefined],
  ['nested too far', '{"N": 1, "y": [[1]]}', 'E404', undefined],
  ['string value', '{"N": 1, "y": ["a"]}', 'E405', undefined],
  ['null value', '{"N": 1, "y": [null]}', 'E405', undefined],
  ['object value', '{"N": 1, "y": {"a": 1}}', 'E404', undefined],
  ['real for int', '{"N": 1.5, "y": [1]}', 'E405', undefined],
  ['NaN for int', '{"N": NaN, "y": [1]}', 'E405', undefined],
  ['NaN in data', '{"N": 1, "y": [NaN]}', 'E405', undefined],
  ['bound violated', '{"N": -1, "y": []}', 'E406', undefined],
].map(([name, data, code, at]) => ({
  name: `data: ${name}`,
  model: D,
  data: data as string,
  code: code as string,
  at: at as string | undefined,
  in: 'data.json',
}));

const constrained: BadCase[] = [
  {
    name: 'data: simplex does not sum to one',
    model: 'data { simplex[2] s; }\n' + P,
    data: '{"s": [0.2, 0.3]}',
    code: 'E406',
  },
  {
    name: 'data: cov not symmetric',
    model: 'data { cov_matrix[2] S; }\n' + P,
    data: '{"S": [[1, 0.5], [0, 1]]}',
    code: 'E406',
  },
  {
    name: 'data: negative size',
    model: 'data { int N; vector[N] y; }\n' + P,
    data: '{"N": -2, "y": []}',
    code: 'E307',
  },
  {
    name: 'data: upper bound violated',
    model: 'data { real<upper=1> a; }\n' + P,
    data: '{"a": Infinity}',
    code: 'E406',
  },
];

const files: BadCase[] = [
  { name: 'files: missing model', args: ['check', '$DIR/nope.stan'], code: 'E101' },
  {
    name: 'files: missing data',
    model: D,
    args: ['check', '$DIR/model.stan', '--data', '$DIR/nope.json'],
    code: 'E101',
  },
  { name: 'files: model is a directory', args: ['check', '$DIR'], code: 'E102' },
  { name: 'files: model is /dev/zero', args: ['check', '/dev/zero'], code: 'E102' },
  { name: 'files: model is /dev/urandom', args: ['check', '/dev/urandom'], code: 'E102' },
  {
    name: 'files: data is /dev/zero',
    model: D,
    args: ['check', '$DIR/model.stan', '--data', '/dev/zero'],
    code: 'E102',
  },
  {
    name: 'files: data is /dev/null (empty)',
    model: D,
    args: ['check', '$DIR/model.stan', '--data', '/dev/null'],
    code: 'E102',
  },
  {
    name: 'files: model over the input limit',
    model: P + '// ' + 'x'.repeat(5000) + '\n',
    args: ['check', '$DIR/model.stan', '--max-input-mb', '0.001'],
    code: 'E103',
  },
  {
    name: 'files: data over the input limit',
    model: D,
    data: `{"N": 1, "y": [1], "pad": "${'x'.repeat(5000)}"}`,
    args: ['check', '$DIR/model.stan', '--data', '$DIR/data.json', '--max-input-mb', '0.001'],
    code: 'E103',
  },
  {
    name: 'files: binary data',
    model: D,
    files: { 'data.json': new Uint8Array([123, 0, 125]) },
    args: ['check', '$DIR/model.stan', '--data', '$DIR/data.json'],
    code: 'E104',
  },
];

const S = ['sample', '$DIR/model.stan', '--draws', '20', '--warmup', '20', '--chains', '1', '--no-progress'];
const options: BadCase[] = [
  [['--sampler', 'hmc'], 'E601'],
  [['--draws', '0'], 'E601'],
  [['--draws', '-5'], 'E601'],
  [['--draws', '1e3'], 'E601'],
  [['--chains', 'many'], 'E601'],
  [['--chains', '0'], 'E601'],
  [['--warmup', '-1'], 'E601'],
  [['--thin', '0'], 'E601'],
  [['--thin', '50'], 'E603'],
  [['--step-size', '-1'], 'E601'],
  [['--step-size', 'NaN'], 'E601'],
  [['--step-size', 'Infinity'], 'E601'],
  [['--seed', '-1'], 'E601'],
  [['--seed', '1.5'], 'E601'],
  [['--init', '-2'], 'E601'],
  [['--backend', 'gpu'], 'E601'],
  [['--beta', '2'], 'E601'],
  [['--sampler', 'lmc-beta', '--beta', '0'], 'E601'],
  [['--basin-radius', '0'], 'E601'],
  [['--max-memory-mb', '0'], 'E601'],
  [['--max-input-mb', 'lots'], 'E601'],
  [['--max-iterations', '0'], 'E601'],
  [['--no-such-option'], 'E602'],
].map(([extra, code]) => ({
  name: `options: ${(extra as string[]).join(' ')}`,
  model: P,
  args: [...S, ...(extra as string[])],
  code: code as string,
}));

const commands: BadCase[] = [
  { name: 'commands: unknown command', args: ['smaple', 'x.stan'], code: 'E602' },
  { name: 'commands: check without model', args: ['check'], code: 'E602' },
  { name: 'commands: sample without model', args: ['sample'], code: 'E601' },
  { name: 'commands: too many arguments', model: P, args: ['check', '$DIR/model.stan', 'extra'], code: 'E602' },
  {
    name: 'commands: compare unknown sampler',
    model: P,
    args: ['compare', '$DIR/model.stan', '--samplers', 'lmc,hmc'],
    code: 'E601',
  },
  {
    name: 'commands: compare empty list',
    model: P,
    args: ['compare', '$DIR/model.stan', '--samplers', ','],
    code: 'E601',
  },
  {
    name: 'commands: --out over an earlier run',
    model: P,
    files: { 'run/chain-1.csv': '# old\n' },
    args: [...S, '--out', '$DIR/run'],
    code: 'E106',
  },
  {
    name: 'commands: --out over a compare run',
    model: P,
    files: { 'run/mala/chain-1.csv': '# old\n' },
    args: [...S, '--out', '$DIR/run'],
    code: 'E106',
  },
  {
    name: 'commands: --out is a file',
    model: P,
    files: { afile: 'x' },
    args: [...S, '--out', '$DIR/afile'],
    code: 'E105',
  },
];

const runtime: BadCase[] = [
  {
    name: 'runtime: reject in transformed data',
    model: 'transformed data { reject("no data today"); }\n' + P,
    code: 'E503',
  },
  { name: 'runtime: integer division by zero', model: 'transformed data { int a = 1 %/% 0; }\n' + P, code: 'E504' },
  { name: 'runtime: modulus by zero', model: 'transformed data { int a = 1 % 0; }\n' + P, code: 'E504' },
  { name: 'runtime: size from parameter', model: 'parameters { real x; }\nmodel { vector[x] v; }\n', code: 'E304' },
  {
    name: 'runtime: vector size mismatch',
    model: "transformed data { vector[2] a = [1, 2]'; vector[3] b = [1, 2, 3]'; vector[2] c = a + b; }\n" + P,
    code: 'E304',
  },
];

const budgets: BadCase[] = [
  {
    name: 'budget: infinite while in transformed data',
    model: 'transformed data { real a = 0; while (1) { a += 1; } }\n' + P,
    args: ['check', '$DIR/model.stan', '--max-iterations', '1000'],
    code: 'E703',
    at: '1:32',
  },
  {
    name: 'budget: infinite while in generated quantities',
    model: P + 'generated quantities { real a = 0; while (a >= 0) { a += 1; } }\n',
    args: [...S, '--max-iterations', '1000'],
    code: 'E703',
    at: '3:36',
  },
  {
    name: 'budget: nested while loops',
    model: 'transformed data { int i = 0; while (i < 10) { while (1) { } i += 1; } }\n' + P,
    args: ['check', '$DIR/model.stan', '--max-iterations', '100'],
    code: 'E703',
    at: '1:48',
  },
];

const conventions: BadCase[] = [
  {
    name: 'conventions: BOM then a syntax error',
    model: '\uFEFFparameters { real x }\nmodel { }\n',
    code: 'E205',
    at: '1:21',
  },
  {
    name: 'conventions: tab before the error',
    model: 'parameters {\n\treal x\n}\nmodel { }\n',
    code: 'E205',
    at: '2:8',
  },
  {
    name: 'conventions: CR-only line ends',
    model: 'parameters {\r  real x;\r}\rmodel {\r  y ~ normal(0, 1);\r}\r',
    code: 'E301',
    at: '5:3',
  },
  {
    name: 'conventions: BOM in data then duplicate',
    model: D,
    data: '\uFEFF{"N": 1, "N": 1, "y": [1]}',
    code: 'E402',
    at: '1:10',
    in: 'data.json',
  },
];

const faults: BadCase[] = [
  { name: 'faults: normal with negative scale', model: wrap('x ~ normal(0, -1);'), code: 'E501', at: '3:17' },
  {
    name: 'faults: normal with infinite location',
    model: wrap('x ~ normal(positive_infinity(), 1);'),
    code: 'E501',
    at: '3:14',
  },
  {
    name: 'faults: beta with negative shape',
    model: 'parameters { real<lower=0, upper=1> p; }\nmodel { p ~ beta(-1, 1); }\n',
    code: 'E501',
    at: '2:18',
  },
  {
    name: 'faults: exponential with zero rate',
    model: 'parameters { real<lower=0> t; }\nmodel { t ~ exponential(0); }\n',
    code: 'E501',
    at: '2:25',
  },
  {
    name: 'faults: bernoulli probability above one',
    model: 'data { int y; }\nparameters { real x; }\nmodel { y ~ bernoulli(1.5); x ~ normal(0, 1); }\n',
    data: '{"y": 1}',
    code: 'E501',
    at: '3:23',
  },
  {
    name: 'faults: vector scale with a negative element',
    model: "parameters { vector[2] v; }\nmodel { v ~ normal(0, [1, -2]'); }\n",
    code: 'E501',
    at: '2:23',
  },
  { name: 'faults: no finite density anywhere', model: wrap('target += log(-1 + 0 * x);'), args: [...S], code: 'E502' },
];

export const BAD_CASES: BadCase[] = [
  ...faults,
  ...budgets,
  ...conventions,
  ...syntax,
  ...lexical,
  ...names,
  ...types,
  ...blocks,
  ...nesting,
  ...memory,
  ...dataCases,
  ...constrained,
  ...files,
  ...options,
  ...commands,
  ...runtime,
];
