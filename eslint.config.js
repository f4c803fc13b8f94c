// ESLint flat config: typescript-eslint's recommended rules (syntax-only,
// no type information, so `npm run lint` stays fast) over the TypeScript
// sources. Formatting is Prettier's job (.prettierrc.json), not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'out/',
      'node_modules/',
      'coverage/',
      'playground/dist/',
      'examples/browser/dist/',
      'dist-web/',
      'test-results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // `_x` marks a parameter kept for the signature (kernels take (x, y) and use one).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // Plain JavaScript entry points and scripts run in Node.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
  {
    // Wichura's AS 241 coefficients, written to the digits published (more than a double holds).
    files: ['src/diagnostics/normal-quantile.ts'],
    rules: { 'no-loss-of-precision': 'off' },
  },
  {
    // Loops generated with `new Function` are held as Function until called with their kernels.
    files: ['src/backends/f64/fuse.ts', 'src/backends/f64/matvec-fused.ts'],
    rules: { '@typescript-eslint/no-unsafe-function-type': 'off' },
  },
  {
    // The CommonJS wrappers (cjs/) hand require() callers the ES module.
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
