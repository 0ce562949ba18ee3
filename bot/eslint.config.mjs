// ESLint flat config for the whole repository (kept under bot/ because the top level is fixed;
// package.json's lint script points at it).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const SDKS = ['botbuilder', 'botbuilder-*', 'botframework-*', 'restify', '@azure/*', '@microsoft/teams-js', 'adaptivecards*', 'adaptive-expressions', 'pino', 'i18next'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.local/**', 'test-artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-console': 'error',
    },
  },
  {
    // DESIGN.md rule 1: the domain is pure TypeScript; SDKs stay at the edge.
    files: ['bot/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: SDKS, message: 'bot/src/domain must not import SDKs: define a port in domain/ports.ts instead.' }] }],
    },
  },
  {
    files: ['tab/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts', 'bot/src/dev/**/*.ts', '**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
);
