/**
 * The catalogue of stable error and warning codes (docs/errors.md lists
 * every entry, and a test keeps the two in step). A diagnostic gets its
 * code where it is created centrally: `LangevinError` asks `codeFor`, which
 * matches the message against the patterns below in order, so call sites
 * keep writing plain messages. A code, once published, never changes
 * meaning; new kinds of error get new codes.
 *
 * Numbering: E1xx files and input, E2xx syntax, E3xx model checking,
 * E4xx data, E5xx running a model, E6xx command-line options, E7xx limits,
 * W1xx warnings in summaries, E999 anything not yet catalogued.
 */

export interface CodeEntry {
  code: string;
  title: string;
  /** How to fix it, one or two sentences (the catalogue's text). */
  fix: string;
  /** Messages of this kind (matched in registry order; the first hit wins). */
  match: RegExp[];
}

export const ERROR_CODES: readonly CodeEntry[] = [
  // ------------------------------------------------------------ E1xx files and input
  {
    code: 'E101',
    title: 'file not found or unreadable',
    fix: 'Check the path; relative paths are taken from the working directory.',
    match: [
      /^cannot read .*': (no such file|E[A-Z0-9]+)$/,
      /the pipe sent nothing/,
      /^cannot read (run directory|score file)/,
    ],
  },
  {
    code: 'E102',
    title: 'not a regular file',
    fix: 'Give a regular file (or a pipe such as <(cat model.stan)); devices, directories and sockets are refused.',
    match: [/is not a regular file/, /is a directory/],
  },
  {
    code: 'E103',
    title: 'input file too large',
    fix: 'Inputs are read up to a size limit (--max-input-mb, default 64 MB); raise it if the file is really that large.',
    match: [/is larger than the input limit/],
  },
  {
    code: 'E104',
    title: 'input file is not UTF-8 text',
    fix: 'Save the file as UTF-8 text; binary files cannot be models or data.',
    match: [/is not text/],
  },
  {
    code: 'E105',
    title: 'cannot write output',
    fix: 'Check that the --out directory (or file) is writable and the disk is not full.',
    match: [/^cannot write/],
  },
  {
    code: 'E106',
    title: '--out holds an earlier run',
    fix: 'Choose a new directory, or pass --overwrite to replace the earlier run (its chain files are removed).',
    match: [/holds an earlier run/],
  },
  {
    code: 'E107',
    title: 'invalid CSV or score input',
    fix: 'The file must be the format the option expects (a header row then numbers; a langevin score file).',
    match: [
      /^expected \d+ values \(one per header column\)/,
      /not a valid CSV|has a header but no rows|the first row must be a header|header row has an empty column|^.*: row \d+, column|empty \(expected a header row|not a langevin score file|score file version|score network:|weights (are|must)|missing architecture/,
    ],
  },
  {
    code: 'E108',
    title: 'not a run directory',
    fix: 'Point langevin report at an --out directory written by langevin sample or compare.',
    match: [/holds several runs|no chain CSV|not a run directory|summary\.json/],
  },
  {
    code: 'E109',
    title: 'runs cannot be merged',
    fix: 'langevin merge combines --chain-ids runs of one model, data, seed and settings with distinct chains; the message names the directory and what differs.',
    match: [/^cannot merge/],
  },

  // ------------------------------------------------------------ E2xx syntax
  {
    code: 'E201',
    title: 'unexpected character',
    fix: 'Remove the character; Stan text is ASCII apart from comments and strings.',
    match: [/^unexpected character/],
  },
  {
    code: 'E202',
    title: 'unterminated comment or string',
    fix: "Close the '/*' comment with '*/', or end the string with '\"' on the same line.",
    match: [/^unterminated (comment|string)/],
  },
  {
    code: 'E203',
    title: 'unsupported Stan feature',
    fix: 'The message names the feature; rewrite without it (see docs/language.md for the supported subset).',
    match: [/is not supported|are not supported|not supported yet|is not available/, /^tuples/, /^complex numbers/],
  },
  {
    code: 'E204',
    title: 'integer literal too large',
    fix: 'Stan ints are 32-bit: write the number as a real (append .0) or make it smaller.',
    match: [/^integer literal .* is too large/],
  },
  {
    code: 'E205',
    title: 'syntax error',
    fix: 'Look at the caret: a missing ";", "}" or ")" just before it is the usual cause.',
    match: [
      /^(expecting|Expecting|unexpected|Unexpected|missing|Missing|Redundant|NoViableAlt|expected)/i,
      /but found/,
      /this expression is not a statement/,
      /a declaration cannot be the body/,
      /only declarations are allowed in the/,
      /^duplicate '.*' block/,
      /block must come before/,
    ],
  },

  // ------------------------------------------------------------ E3xx model checking
  {
    code: 'E301',
    title: 'unknown identifier',
    fix: 'Declare the variable before use, or fix the spelling (the message suggests the closest name).',
    match: [/not in scope/, /^unknown variable/],
  },
  {
    code: 'E302',
    title: 'unknown function or distribution',
    fix: 'Fix the spelling (the message suggests the closest name); see docs/functions.md for what exists.',
    match: [/^unknown (function|distribution)/, /^write '~ /, /names the distribution without its suffix/],
  },
  {
    code: 'E303',
    title: 'wrong number of arguments',
    fix: 'Call the function with the arguments its signature lists.',
    match: [/takes \d+|takes no '\|'|needs a variate|needs '\|'|takes its arguments as/],
  },
  {
    code: 'E304',
    title: 'type mismatch',
    fix: 'The message says the types found and expected; convert or change the expression.',
    match: [
      /cannot be applied to/,
      /must be (int|real|data|an int|int or)/,
      /got '/,
      /no signature|does not match|cannot loop over|size mismatch|different sizes|must all be|discrete distribution|continuous distribution|index must be|must be an int/,
      /too many indexes|must have one type/,
    ],
  },
  {
    code: 'E305',
    title: 'statement not allowed in this block',
    fix: 'Move the statement to the block named in the message (e.g. ~ belongs in model).',
    match: [
      /only allowed in|can only be (used|read)|may only contain|outside of a loop|only used in calls|can only be an argument of print|take the conditional form/,
    ],
  },
  {
    code: 'E306',
    title: 'reserved or duplicate name',
    fix: 'Rename the variable: the name is a reserved word, ends in __, or is already declared.',
    match: [/reserved/, /^duplicate (declaration|variable|name|definition)|already declared|names ending in/],
  },
  {
    code: 'E307',
    title: 'invalid declaration',
    fix: 'Check the declared type, its sizes and constraints against docs/language.md.',
    match: [
      /cannot have|cannot be int|cannot be combined|cannot be given a value|(a|an) initial value|local variables cannot|size must be int|takes \d+ size|the size of '.*' (must|is negative)|bound of/,
    ],
  },
  {
    code: 'E308',
    title: 'invalid assignment',
    fix: 'Assign only to local variables and variables of the current block.',
    match: [/cannot assign|left side of an assignment|assigning through/],
  },
  {
    code: 'E309',
    title: 'truncation problem',
    fix: 'Truncation T[L, U] needs a univariate distribution with the CDFs it uses.',
    match: [/truncat/],
  },

  // ------------------------------------------------------------ E4xx data
  {
    code: 'E401',
    title: 'invalid JSON',
    fix: 'Fix the JSON at the caret; NaN, Infinity and -Infinity are accepted bare or as strings.',
    match: [/^invalid JSON/, /^data must be a JSON object/],
  },
  {
    code: 'E402',
    title: 'duplicate key in data',
    fix: 'Each name may appear once in a data file; remove the repeated key.',
    match: [/^duplicate key/],
  },
  {
    code: 'E403',
    title: 'missing data variable',
    fix: 'Add the variable to the data file (or remove it from the data block).',
    match: [/not found in the data/],
  },
  {
    code: 'E404',
    title: 'data has the wrong shape or size',
    fix: 'Give the variable the shape the data block declares (the message quotes the declaration).',
    match: [/has \d+ elements? but|is an array, but|is a single number, but|should be an array of/],
  },
  {
    code: 'E405',
    title: 'data value of the wrong kind',
    fix: 'Give numbers (ints for int variables); NaN is not allowed in data unless the declaration permits it.',
    match: [/is not a number|must be an int, found|is NaN; NaN is not allowed|must hold numbers/],
  },
  {
    code: 'E406',
    title: 'data violates its constraint',
    fix: 'Fix the value, or the declared bound or constraint.',
    match: [/violates its constraint/],
  },

  // ------------------------------------------------------------ E5xx running a model
  {
    code: 'E501',
    title: 'invalid argument to a distribution',
    fix: "An argument breaks the distribution's requirements (e.g. a scale must be positive); fix the expression the caret points at.",
    match: [/^(Exception|invalid argument): .*(must be|is not)/, /argument .* must be/],
  },
  {
    code: 'E502',
    title: 'no valid initial values',
    fix: 'Give inits inside the support, try a smaller --init, or check that the model has a finite density somewhere.',
    match: [/^(chain \d+: )?no initial values|--init/],
  },
  {
    code: 'E503',
    title: 'reject() called',
    fix: "The model rejected its input on purpose; the message is the model's own.",
    match: [/^reject:/],
  },
  {
    code: 'E504',
    title: 'arithmetic error in the model',
    fix: 'Guard the division or modulus so the divisor is never zero.',
    match: [/division by zero|modulus by zero/],
  },
  {
    code: 'E505',
    title: 'non-finite generated quantity',
    fix: 'The generated quantities statement named produced NaN or ±Inf for every draw; check its arithmetic.',
    match: [/generated quantity .* is (NaN|not finite)/],
  },
  {
    code: 'E506',
    title: 'constant expression cannot be evaluated',
    fix: 'The message names what failed; expressions of data must be computable before sampling.',
    match: [/must be data|not depend on parameters|transformed data/],
  },
  {
    code: 'E507',
    title: 'a worker thread failed',
    fix: "The chains named failed in their worker thread (the message is the worker's error); the other chains' draws were written. Fix the cause, or rerun those chains with --chain-ids.",
    match: [/^chains? \d+(-\d+)? failed: /],
  },

  // ------------------------------------------------------------ E6xx options
  {
    code: 'E601',
    title: 'invalid option value',
    fix: 'Give the option a value in the range the message states (see langevin COMMAND --help).',
    match: [
      /^--[A-Za-z-]+.* (must|cannot|needs|is required|applies)/,
      /must be (a positive|an integer|a non-negative|in \()/,
      /^--[A-Za-z-]+:/,
      /^unknown sampler/,
      /^--sampler/,
      /^a model file is required/,
      /needs a log density|gives no acceptance|at least 2 particles|needs at least/,
    ],
  },
  {
    code: 'E602',
    title: 'unknown command or option',
    fix: 'Run langevin --help for the commands and langevin COMMAND --help for their options.',
    match: [
      /^(error: )?(unknown (command|option)|too many arguments|missing required argument|option '.*' argument missing)/,
    ],
  },
  {
    code: 'E603',
    title: '--thin above --draws',
    fix: 'Thinning keeps every thin-th draw: use --thin no larger than --draws.',
    match: [/--thin .* exceeds --draws/],
  },

  // ------------------------------------------------------------ E7xx limits
  {
    code: 'E701',
    title: 'nested too deeply',
    fix: 'Flatten the expression or statement (introduce local variables); the limit is stated in the message.',
    match: [/nested too deeply|nesting limit/],
  },
  {
    code: 'E702',
    title: 'memory budget exceeded',
    fix: 'The declaration or run needs more memory than --max-memory-mb allows: reduce the size, or raise the budget.',
    match: [/memory budget/],
  },
  {
    code: 'E703',
    title: 'iteration budget exceeded',
    fix: 'A while loop ran longer than --max-iterations allows (an infinite loop?); fix the loop condition or raise the budget.',
    match: [/iteration budget/],
  },
  {
    code: 'E704',
    title: 'model too large',
    fix: 'The model has more tokens or statements than the stated limit; split generated code or raise the limit.',
    match: [/model is too large/],
  },

  // ------------------------------------------------------------ W1xx warnings
  {
    code: 'W101',
    title: 'non-finite draws',
    fix: 'Reduce the step size or check the model for overflow.',
    match: [/^Non-finite draws/],
  },
  { code: 'W102', title: 'R-hat high', fix: 'Run longer chains, or look for several modes.', match: [/^R-hat above/] },
  {
    code: 'W103',
    title: 'ESS low',
    fix: 'Run more draws or improve mixing (a better step size or metric).',
    match: [/ESS below/],
  },
  {
    code: 'W104',
    title: 'divergent transitions',
    fix: 'Reduce the step size or reparameterise the model.',
    match: [/divergent transition/],
  },
  {
    code: 'W105',
    title: 'MALA acceptance far from target',
    fix: 'Let warm-up adapt the step size, or change --step-size.',
    match: [/^MALA acceptance rate/],
  },
  {
    code: 'W106',
    title: 'unadjusted step size too large (curvature heuristic)',
    fix: 'Reduce --step-size or use mala; the warning estimates the variance inflation.',
    match: [/step size is (far too )?large for/],
  },
  {
    code: 'W107',
    title: 'unadjusted sampler biased (score identity)',
    fix: 'E[x·∇log π] = −1 fails visibly: reduce --step-size or use the adjusted sampler (mala for lmc, malt for uld, mams for mclmc).',
    match: [/score identity/],
  },
  {
    code: 'W108',
    title: 'non-finite log density or gradient',
    fix: 'Proposals with a non-finite density were rejected; check the model near its support edges.',
    match: [/non-finite (log density|score)/],
  },
  {
    code: 'W109',
    title: 'run interrupted',
    fix: 'The run was stopped by a signal; the draws so far were kept and summarised (the summary says how far it got).',
    match: [/^interrupted/],
  },
  { code: 'W110', title: 'thinning leaves few draws', fix: 'Use a smaller --thin or more --draws.', match: [/--thin/] },
  {
    code: 'W111',
    title: 'generated quantity NaN at finite parameters',
    fix: 'The statement named (file:line:col) computes NaN or ±Inf from finite parameters: fix its arithmetic.',
    match: [/^Generated quantity .* is not finite/],
  },
  { code: 'W199', title: 'other warning', fix: 'Read the warning text; it says what to change.', match: [/.*/] },

  // ------------------------------------------------------------ fallback
  {
    code: 'E999',
    title: 'uncatalogued error',
    fix: 'Read the message; please report it so it gets its own code.',
    match: [/.*/],
  },
];

// Matching order: files, limits, options and data first (their messages are
// the most specific: '--draws must be ...' is an option, not a type error).
const MATCH_ORDER = ['E1', 'E7', 'E6', 'E4', 'E2', 'E3', 'E5', 'E9'];
const errors = MATCH_ORDER.flatMap((prefix) => ERROR_CODES.filter((e) => e.code.startsWith(prefix)));
const warnings = ERROR_CODES.filter((e) => e.code.startsWith('W'));

/** The code of an error message (E999 when none of the patterns fits). */
export function codeFor(message: string): string {
  for (const entry of errors) if (entry.match.some((re) => re.test(message))) return entry.code;
  return 'E999';
}

/** The code of a summary warning (W199 when none fits). */
export function warningCodeFor(message: string): string {
  for (const entry of warnings) if (entry.match.some((re) => re.test(message))) return entry.code;
  return 'W199';
}

/** "W102 R-hat above ..." for summary JSON and stderr; leaves an already coded warning alone. */
export function codedWarning(message: string): string {
  if (/^W\d{3} /.test(message)) return message;
  return `${warningCodeFor(message)} ${message}`;
}

export function codeEntry(code: string): CodeEntry | undefined {
  return ERROR_CODES.find((e) => e.code === code);
}
