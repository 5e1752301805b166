import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'coverage/', 'dist/', '.eventloom/', 'cdk.out/', 'scratch/', 'test/templates/fixture/src/', 'test/settle/fixture/src/', 'test/package/project/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: ['src/cli/**', 'bench/**', 'scripts/**', 'bin/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // The dashboard's page: plain browser modules, served as they are (no build step).
    files: ['src/local-cloud/dashboard/static/**/*.js'],
    languageOptions: {
      globals: Object.fromEntries(
        ['window', 'document', 'location', 'history', 'fetch', 'URL', 'Node', 'EventSource', 'CustomEvent', 'requestAnimationFrame', 'setTimeout', 'clearTimeout', 'setInterval'].map((name) => [name, 'readonly']),
      ),
    },
  },
);
