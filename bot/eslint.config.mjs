// ESLint flat config for the whole repository (kept under bot/ because the top level is fixed;
// package.json's lint script points at it). The layout rules below are explained in
// docs/architecture.md ("Dependency rules"); tests/unit/layout-boundaries.test.ts lints real
// source text against them so a loosened rule fails a test.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import boundaries from 'eslint-plugin-boundaries';

const BOTBUILDER = ['botbuilder', 'botbuilder-*', 'botframework-*'];
const AZURE = ['@azure/*'];
const RESTIFY = ['restify', 'restify-*'];
/** Everything a pure domain must not see: the SDKs and the process's own services. */
const SDKS = [...BOTBUILDER, ...RESTIFY, ...AZURE, '@microsoft/teams-js', 'adaptivecards*', 'adaptive-expressions', 'pino', 'i18next', 'fs', 'node:fs', 'node:fs/*', 'node:http', 'node:https', 'node:net', 'node:child_process'];

const banned = (message, ...groups) => ({
  'no-restricted-imports': ['error', { patterns: groups.map((group) => ({ group, message })) }],
});
const msg = {
  domain: 'A domain (features/*/domain, kernel) imports no SDK: declare a port in its ports.ts and implement it in storage/ or platform/.',
  botbuilder: 'botbuilder lives in platform/teams and platform/http only: features talk to the TurnScope, so a move to the Teams SDK stays contained.',
  azure: '@azure/* lives in platform/storage and features\' storage/ only: use a repository.',
  restify: 'restify lives in platform/http only: features declare ApiRoutes.',
};

// Where each file sits in the layout (first match wins). `feature` is captured so a policy can
// say "the same feature"; the paths are the repository's (mode: full).
const ELEMENTS = [
  { type: 'feature-index', pattern: 'bot/src/features/*/index.ts', mode: 'full', capture: ['feature'] },
  { type: 'feature-domain', pattern: 'bot/src/features/*/domain/**', mode: 'full', capture: ['feature'] },
  { type: 'feature-storage', pattern: 'bot/src/features/*/storage/**', mode: 'full', capture: ['feature'] },
  { type: 'feature-contract', pattern: 'bot/src/features/*/routes/*.contract.ts', mode: 'full', capture: ['feature'] },
  { type: 'feature', pattern: 'bot/src/features/*/**', mode: 'full', capture: ['feature'] },
  { type: 'feature-list', pattern: 'bot/src/features/index.ts', mode: 'full' },
  { type: 'kernel', pattern: 'bot/src/kernel/**', mode: 'full' },
  { type: 'platform', pattern: 'bot/src/platform/**', mode: 'full' },
  { type: 'root', pattern: ['bot/src/main.ts', 'bot/src/cli/**', 'bot/src/dev/**'], mode: 'full' },
  { type: 'tab', pattern: 'tab/src/**', mode: 'full' },
];
const same = { feature: '{{from.captured.feature}}' };
const POLICIES = [
  { from: ['kernel'], allow: ['kernel'] },
  { from: ['feature-domain'], allow: ['kernel', ['feature-domain', same]] },
  // A domain may name another feature's public types (erased at compile time: no code
  // dependency). Reports is the one feature built over the others' models (it only reads),
  // so its domain may use their public face at run time too.
  { from: ['feature-domain'], allow: ['feature-index'], importKind: 'type' },
  { from: [['feature-domain', { feature: 'reports' }]], allow: ['feature-index'] },
  // A contract may take its value lists (statuses, kinds) from its own pure domain: one home each.
  { from: ['feature-contract'], allow: ['kernel', ['feature-contract', same], ['feature-domain', same]] },
  { from: ['feature-storage'], allow: ['kernel', 'platform', ['feature-domain', same], ['feature-storage', same]] },
  // The rest of a feature (chat, cards, routes, jobs, wiring) may use the platform, its own
  // parts, and other features only through their index.ts.
  { from: ['feature', 'feature-index'], allow: ['kernel', 'platform', 'feature-index', ['feature-domain', same], ['feature-storage', same], ['feature-contract', same], ['feature', same]] },
  { from: ['feature-list'], allow: ['kernel', 'platform', 'feature-index'] },
  { from: ['platform'], allow: ['kernel', 'platform'] },
  // Roots (main.ts, the CLIs, the local runner) wire things: they build features' storage too.
  { from: ['root'], allow: ['kernel', 'platform', 'feature-list', 'feature-index', 'feature-storage', 'root'] },
  { from: ['tab'], allow: ['tab', 'feature-contract', 'kernel'] },
];

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
    files: ['bot/src/**/*.ts', 'tab/src/**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': ELEMENTS,
      'import/resolver': { typescript: { project: ['tsconfig.json', 'tab/tsconfig.json'] }, node: true },
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies: POLICIES, message: 'The layout does not allow {{from.type}} ({{from.captured.feature}}) to import {{to.type}} ({{to.captured.feature}}): see docs/architecture.md, "Dependency rules".' }],
    },
  },
  // Which SDK may be imported where (one block per place; a later block replaces the rule).
  { files: ['bot/src/kernel/**/*.ts', 'bot/src/features/*/domain/**/*.ts', 'bot/src/features/*/routes/*.contract.ts'], rules: banned(msg.domain, SDKS) },
  { files: ['bot/src/features/**/*.ts'], ignores: ['bot/src/features/*/domain/**', 'bot/src/features/*/storage/**', 'bot/src/features/*/routes/*.contract.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [{ group: BOTBUILDER, message: msg.botbuilder }, { group: AZURE, message: msg.azure }, { group: RESTIFY, message: msg.restify }] }] } },
  { files: ['bot/src/features/*/storage/**/*.ts', 'bot/src/platform/storage/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [{ group: BOTBUILDER, message: msg.botbuilder }, { group: RESTIFY, message: msg.restify }] }] } },
  { files: ['bot/src/platform/**/*.ts'], ignores: ['bot/src/platform/storage/**', 'bot/src/platform/teams/**', 'bot/src/platform/http/**'], rules: { 'no-restricted-imports': ['error', { patterns: [{ group: BOTBUILDER, message: msg.botbuilder }, { group: AZURE, message: msg.azure }, { group: RESTIFY, message: msg.restify }] }] } },
  { files: ['bot/src/platform/teams/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [{ group: AZURE, message: msg.azure }, { group: RESTIFY, message: msg.restify }] }] } },
  { files: ['bot/src/platform/http/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [{ group: AZURE, message: msg.azure }] }] } },
  {
    files: ['tab/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts', 'bot/src/dev/**/*.ts', '**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
);
