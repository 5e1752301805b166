import { defineConfig } from 'vitest/config';

// `npm run test:reliability`: the reliability suite with its long variants (`*.long.test.ts`, which
// `npm test` leaves out), against one DynamoDB Local (the integration project's globalSetup).
export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    include: ['test/reliability/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One heavy cloud at a time on a small machine.
    fileParallelism: false,
  },
});
