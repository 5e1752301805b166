import { configDefaults, defineConfig } from 'vitest/config';

// Unit tests sit beside the code (`*.test.ts`); tests needing DynamoDB Local or a running local
// cloud are `*.int.test.ts` and `test/**`. One DynamoDB Local serves the whole run (globalSetup).
export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.int.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['src/**/*.int.test.ts', 'test/**/*.test.ts'],
          // Long reliability variants run only with `npm run test:reliability` (vitest.reliability.config.ts); the corpus is its own project.
          exclude: [...configDefaults.exclude, 'test/**/*.long.test.ts', 'test/corpus/**'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // Third-party apps started as real `npm start` processes: run on its own, after the rest (`npm test` does).
          name: 'corpus',
          include: ['test/corpus/**/*.test.ts'],
          testTimeout: 30 * 60_000,
        },
      },
    ],
  },
});
