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
const SDKS = [
  ...BOTBUILDER,
  ...RESTIFY,
  ...AZURE,
  '@microsoft/teams-js',
  'adaptivecards*',
  'adaptive-expressions',
  'pino',
  'i18next',
  'fs',
  'node:fs',
  'node:fs/*',
  'node:http',
  'node:https',
  'node:net',
  'node:child_process',
];

const msg = {
  domain: 'A domain (features/*/domain, kernel) imports no SDK: declare a port in its ports.ts and implement it in storage/ or platform/.',
  botbuilder: 'botbuilder lives in platform/teams and platform/http only: features talk to the TurnScope, so a move to the Teams SDK stays contained.',
  azure: "@azure/* lives in platform/storage and features' storage/ only: use a repository.",
  restify: 'restify lives in platform/http only: features declare ApiRoutes.',
};
const BANS = {
  sdks: { group: SDKS, message: msg.domain },
  botbuilder: { group: BOTBUILDER, message: msg.botbuilder },
  azure: { group: AZURE, message: msg.azure },
  restify: { group: RESTIFY, message: msg.restify },
};
/** The rule for one place: the SDKs it may not import (a later block for the same file replaces it). */
const bans = (...names) => ({ 'no-restricted-imports': ['error', { patterns: names.map((n) => BANS[n]) }] });

// Where each file sits in the layout (first match wins). `feature` is captured so a policy can
// say "the same feature". `mode: 'full'` matches whole repository paths (v7 calls it deprecated and
// prints a warning, but its suggested `partialMatch: false` classified the tab's files wrongly here).
const ELEMENTS = [
  // The feature list and the table catalogue (features/storage.ts) compose features: they come first.
  { type: 'feature-list', pattern: ['bot/src/features/index.ts', 'bot/src/features/storage.ts'], mode: 'full' },
  { type: 'feature-index', pattern: 'bot/src/features/*/index.ts', mode: 'full', capture: ['feature'] },
  { type: 'feature-domain', pattern: 'bot/src/features/*/domain/**', mode: 'full', capture: ['feature'] },
  { type: 'feature-storage', pattern: 'bot/src/features/*/storage/**', mode: 'full', capture: ['feature'] },
  { type: 'feature-contract', pattern: 'bot/src/features/*/routes/*.contract.ts', mode: 'full', capture: ['feature'] },
  { type: 'feature', pattern: 'bot/src/features/*/**', mode: 'full', capture: ['feature'] },
  { type: 'kernel', pattern: 'bot/src/kernel/**', mode: 'full' },
  { type: 'platform', pattern: 'bot/src/platform/**', mode: 'full' },
  { type: 'root', pattern: ['bot/src/main.ts', 'bot/src/cli/**', 'bot/src/dev/**'], mode: 'full' },
  { type: 'tab', pattern: 'tab/src/**', mode: 'full' },
];
/** A policy: files of the `from` element types may import the listed element types. */
const to = (type, captured) => ({ to: { element: captured ? { type, captured } : { type } } });
const SAME = { feature: '{{from.captured.feature}}' };
const same = (type) => to(type, SAME);
const policy = (from, allow, opts = {}) => ({
  from: { element: typeof from === 'string' ? { types: from.split('|') } : from },
  allow: allow.map((a) => (typeof a === 'string' ? to(a) : a)).map((a) => (opts.kind ? { ...a, dependency: { kind: opts.kind } } : a)),
});
const POLICIES = [
  policy('kernel', ['kernel']),
  policy('feature-domain', ['kernel', same('feature-domain')]),
  // A domain may name another feature's public types (erased at compile time: no code
  // dependency). Reports is the one feature built over the others' models (it only reads),
  // so its domain may use their public face at run time too.
  policy('feature-domain', ['feature-index'], { kind: 'type' }),
  policy({ type: 'feature-domain', captured: { feature: 'reports' } }, ['feature-index']),
  // A contract may take its value lists (statuses, kinds) from its own pure domain: one home each.
  policy('feature-contract', ['kernel', same('feature-contract'), same('feature-domain')]),
  policy('feature-storage', ['kernel', 'platform', same('feature-domain'), same('feature-storage')]),
  // The rest of a feature (chat, cards, routes, jobs, wiring) may use the platform, its own
  // parts, and other features only through their index.ts.
  policy('feature|feature-index', ['kernel', 'platform', 'feature-index', same('feature-domain'), same('feature-storage'), same('feature-contract'), same('feature')]),
  // The table catalogue joins every feature's storage factory; the list joins their index.ts.
  policy('feature-list', ['kernel', 'platform', 'feature-index', 'feature-storage', 'feature-list']),
  policy('platform', ['kernel', 'platform']),
  // Roots (main.ts, the CLIs, the local runner) wire things: the list, the catalogue, storage factories.
  policy('root', ['kernel', 'platform', 'feature-list', 'feature-index', 'feature-storage', 'root']),
  policy('tab', ['tab', 'feature-contract', 'kernel']),
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
      'import/resolver': { typescript: { project: ['tsconfig.json', 'tab/tsconfig.json'], noWarnOnMultipleProjects: true }, node: true },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: POLICIES,
          message: 'The layout does not allow {{from.type}} ({{from.captured.feature}}) to import {{to.type}} ({{to.captured.feature}}): see docs/architecture.md, "Dependency rules".',
        },
      ],
    },
  },
  // Which SDK may be imported where (one block per place; a later block replaces the rule).
  { files: ['bot/src/kernel/**/*.ts', 'bot/src/features/*/domain/**/*.ts', 'bot/src/features/*/routes/*.contract.ts'], rules: bans('sdks') },
  {
    files: ['bot/src/features/**/*.ts'],
    ignores: ['bot/src/features/*/domain/**', 'bot/src/features/*/storage/**', 'bot/src/features/*/routes/*.contract.ts'],
    rules: bans('botbuilder', 'azure', 'restify'),
  },
  { files: ['bot/src/features/*/storage/**/*.ts', 'bot/src/platform/storage/**/*.ts'], rules: bans('botbuilder', 'restify') },
  { files: ['bot/src/platform/**/*.ts'], ignores: ['bot/src/platform/storage/**', 'bot/src/platform/teams/**', 'bot/src/platform/http/**'], rules: bans('botbuilder', 'azure', 'restify') },
  { files: ['bot/src/platform/teams/**/*.ts'], rules: bans('azure', 'restify') },
  { files: ['bot/src/platform/http/**/*.ts'], rules: bans('azure') },
  {
    files: ['tab/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts', 'bot/src/dev/**/*.ts', '**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
);
