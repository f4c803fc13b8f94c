/**
 * docs/stdlib.md is the rendering of the stdlib table; this test fails when
 * it is stale. Regenerate with UPDATE_DOCS=1 npx vitest run test/stdlib/docs.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderStdlibDocs } from '../../scripts/stdlib-docs.js';
import { distributions, functions } from '../../stdlib/index.js';

const PATH = new URL('../../docs/stdlib.md', import.meta.url);

describe('docs/stdlib.md', () => {
  it('is the rendering of the current table', () => {
    const rendered = renderStdlibDocs();
    if (process.env.UPDATE_DOCS) writeFileSync(PATH, rendered);
    expect(readFileSync(PATH, 'utf8')).toBe(rendered);
  });

  it('mentions every distribution and function', () => {
    const rendered = renderStdlibDocs();
    for (const d of distributions) expect(rendered).toContain(`\`${d.name}\``);
    for (const f of functions) expect(rendered).toContain(`\`${f.name}\``);
  });
});
