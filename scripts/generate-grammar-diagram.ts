/**
 * Writes grammar/diagram.html: railroad diagrams of the model language's
 * grammar, generated from the parser itself so they never drift from it.
 *
 * Run from the repository root (Node 20 has no TypeScript loader, so compile first):
 *   npx tsc --ignoreConfig --outDir /tmp/langevin-grammar --rootDir . --module nodenext \
 *     --moduleResolution nodenext --target es2022 --skipLibCheck --types node \
 *     scripts/generate-grammar-diagram.ts
 *   ln -sfn "$PWD/node_modules" /tmp/langevin-grammar/node_modules
 *   echo '{"type":"module"}' > /tmp/langevin-grammar/package.json
 *   node /tmp/langevin-grammar/scripts/generate-grammar-diagram.js [OUT]
 */
import { writeFileSync } from 'node:fs';
import { createSyntaxDiagramsCode } from 'chevrotain';
import { modelParser } from '../src/language/parser.js';

const out = process.argv[2] ?? 'grammar/diagram.html';
writeFileSync(out, createSyntaxDiagramsCode(modelParser.getSerializedGastProductions()));
console.log(`wrote ${out}`);
