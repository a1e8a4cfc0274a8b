// Lint that encodes decisions: promises are awaited, status switches are exhaustive, no focused
// tests, and libraries are imported only through their index.
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import jest from 'eslint-plugin-jest';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The direction of dependencies (docs/ARCHITECTURE.md): platform knows no domain; features use
// the platform and the registry; tasks follow sessions; reports read everything and nothing
// imports them; no library imports an app. Each folder lists the libraries it may not import.
const LIBRARIES = [
  'platform',
  'registry',
  'sessions',
  'tasks',
  'ip',
  'enterprises',
  'projects',
  'reports',
];
const MAY_USE = {
  platform: [],
  registry: ['platform'],
  sessions: ['platform', 'registry'],
  tasks: ['platform', 'registry', 'sessions'],
  ip: ['platform', 'registry', 'projects'],
  enterprises: ['platform', 'registry'],
  projects: ['platform', 'registry'],
  reports: LIBRARIES.filter((name) => name !== 'reports'),
};
const deepImports = {
  // The platform's start entries (what runs before the app's modules load: the first start's
  // initdb, then the configuration and the database) are its second and third.
  group: ['@app/*/*', '!@app/platform/start', '!@app/platform/early'],
  message: 'Import a library only through its index (@app/<name>).',
};
const boundaries = Object.entries(MAY_USE).map(([library, allowed]) => ({
  files: [`libs/${library}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          deepImports,
          {
            group: LIBRARIES.filter((name) => name !== library && !allowed.includes(name)).map(
              (name) => `@app/${name}`,
            ),
            message: `libs/${library} may use only ${allowed.length > 0 ? allowed.map((n) => `@app/${n}`).join(', ') : 'no other library'} (docs/ARCHITECTURE.md).`,
          },
          { group: ['**/apps/**'], message: 'A library never imports an app.' },
          // A library that may use every other one (reports) has no group to forbid.
        ].filter((pattern) => pattern.group.length > 0),
      },
    ],
  },
}));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'coverage/**',
      'docs/**',
      'libs/registry/reference/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-extraneous-class': 'off',
      eqeqeq: ['error', 'always'],
      'no-restricted-imports': ['error', { patterns: [deepImports] }],
    },
  },
  ...boundaries,
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      'jest/no-focused-tests': 'error',
      'jest/expect-expect': [
        'error',
        // supertest's .expect(status) asserts too, whatever the chain starts from.
        { assertFunctionNames: ['expect', 'expect*', '*.**.expect', 'login.**.expect'] },
      ],
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // supertest's response bodies are untyped JSON; the assertions check their shape.
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      sourceType: 'commonjs',
      globals: { ...globals.node },
      parserOptions: { projectService: false },
    },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  prettier,
);
