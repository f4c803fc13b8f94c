/**
 * `--debug-ir`'s account of the loops over data: each outermost loop with
 * its line, block and iteration count, and whether it was traced once for
 * all iterations (vectorised, its body then appears once in the graph with
 * [iterations]-long values) or unrolled (and why).
 */
import type { LoopReport } from './context.js';

export function printLoops(loops: LoopReport[]): string {
  if (loops.length === 0) return '';
  const lines = loops.map((l) => {
    const where = `line ${l.span.start.line}, ${l.block}`;
    const how = l.vectorised
      ? 'vectorised (body traced once over all iterations)'
      : l.scan
        ? 'a scan (a recurrence: body traced once as one step)'
        : `unrolled: ${l.reason ?? 'not vectorisable'}`;
    return `loop ${where}: ${l.iterations} iterations, ${how}`;
  });
  return lines.join('\n');
}
