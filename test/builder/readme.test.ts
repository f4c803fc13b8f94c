/**
 * The README's builder example is docs/builder.md's first code block, and
 * test/builder/readme-snippet.ts is that block verbatim except for the import
 * path ('langevin' → './langevin.js'). This test checks both facts and runs
 * the snippet.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';

const here = import.meta.dirname;

function firstCodeBlock(markdown: string): string {
  const match = /```ts\n([\s\S]*?)```/.exec(markdown);
  if (!match) throw new Error('docs/builder.md has no ```ts block');
  return match[1]!;
}

afterEach(() => {
  vi.restoreAllMocks();
});

test('docs/builder.md opens with the snippet, at most 15 lines', () => {
  const docs = firstCodeBlock(readFileSync(join(here, '../../docs/builder.md'), 'utf8'));
  const snippet = readFileSync(join(here, 'readme-snippet.ts'), 'utf8');
  expect(snippet.replace("from './langevin.js'", "from 'langevin'")).toBe(docs);
  expect(docs.trimEnd().split('\n').length).toBeLessThanOrEqual(15);
});

test('the snippet runs and prints the posterior means of mu and tau', async () => {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.join(' '));
  });
  await import('./readme-snippet.js');
  expect(lines).toHaveLength(2);
  const [mu, tau] = lines.map((line) => line.split(' '));
  expect(mu![0]).toBe('mu');
  expect(tau![0]).toBe('tau');
  // posteriordb reference: E[mu] ≈ 4.4 (sd 3.3), E[tau] ≈ 3.6 (sd 3.2); 4000 draws give MCSE ≈ 0.1–0.2
  expect(Math.abs(Number(mu![1]) - 4.4)).toBeLessThan(1);
  expect(Math.abs(Number(tau![1]) - 3.6)).toBeLessThan(1);
  expect(Number(mu![2])).toBeLessThan(1.05);
  expect(Number(tau![2])).toBeLessThan(1.05);
});
