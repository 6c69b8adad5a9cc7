// Lint: recommended rules (syntax-only, no type information, so it stays fast), unused code as an error, and the
// layering of the libs (docs/DESIGN.md §2) enforced by nx's module-boundary rule on the
// project tags in each package.json. The rule reads nx's cached project graph: `npm run lint` computes it first.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Which libs each lib may import (by scope tag): one direction only, core at the bottom. */
const LAYERS = {
  core: [],
  models: ['core'],
  store: ['core', 'models'],
  engine: ['core', 'models'],
  data: ['core'],
  planner: ['core'],
  cache: ['core'],
  proxies: ['core'],
  executor: ['core', 'cache', 'planner'],
  strategies: ['core', 'models', 'cache', 'planner', 'executor', 'store'],
  distributed: ['core', 'models', 'store', 'engine', 'data', 'planner', 'cache', 'proxies', 'executor', 'strategies'],
  bench: ['core'],
  plot: ['core', 'bench'],
  cli: [
    'core',
    'models',
    'store',
    'engine',
    'data',
    'planner',
    'cache',
    'proxies',
    'executor',
    'strategies',
    'distributed',
  ],
};

/** A lib's files are reached through its public entry point or its `testing` export, never by their path. */
const DEEP_IMPORTS = {
  group: ['@alsatian/*/src', '@alsatian/*/src/*', '@alsatian/*/test', '@alsatian/*/test/*'],
  message: 'Import another lib through its public entry point or its `testing` export, not by file path.',
};

/** Production code never imports test helpers. */
const TESTING_IMPORTS = {
  group: ['@alsatian/*/testing', '@alsatian/*/testing/*'],
  message: 'Test helpers (`testing` exports) are for tests only.',
};

const restrictedImports = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

/** Only the engine talks to ONNX Runtime. */
const ENGINE_ONLY = ['onnxruntime-node'];

const layerConstraints = Object.entries(LAYERS).map(([scope, allowed]) => ({
  sourceTag: `scope:${scope}`,
  onlyDependOnLibsWithTags: [`scope:${scope}`, ...allowed.map((s) => `scope:${s}`)],
  ...(scope === 'engine' ? {} : { bannedExternalImports: ENGINE_ONLY }),
}));

/** Libraries never import experiments; experiments use libs and the shared experiment package. */
const kindConstraints = [
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:experiment-lib', onlyDependOnLibsWithTags: ['type:lib', 'type:experiment-lib'] },
  { sourceTag: 'type:experiment', onlyDependOnLibsWithTags: ['type:lib', 'type:experiment-lib'] },
];

const boundaries = (depConstraints, options = {}) => ({
  '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, ...options, depConstraints }],
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'results/**',
      'tmp/**',
      'dist/**',
      'coverage/**',
      '.nx/**',
      '**/fixtures/**/*.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { plugins: { '@nx': nx } },
  {
    files: ['**/*.{ts,mts,mjs,js}'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
      ...restrictedImports(DEEP_IMPORTS),
      ...boundaries([...layerConstraints, ...kindConstraints]),
    },
  },
  // Tests and benchmarks of a lib may exercise it together with the libs above it (an executor test on a real
  // store, an engine test on imported checkpoints) and import their own lib by its public name, but reach other
  // libs only through their public entry points and `testing` exports.
  {
    files: ['libs/*/test/**', 'libs/*/bench/**'],
    rules: boundaries(kindConstraints, { allowCircularSelfDependency: true }),
  },
  {
    files: ['libs/*/src/**', 'experiments/**/src/**'],
    rules: restrictedImports(DEEP_IMPORTS, TESTING_IMPORTS),
  },
);
