import { afterAll, describe, it } from 'vitest';
import { runCrashLoop, type CrashLoop } from './crash-loop.ts';
import { describeLoop, expectCrashSafe } from './crash-loop-assertions.ts';

// The CI variant: two kills (the whole process group, then node alone) during the ecommerce seed.
// `npm run test:reliability` runs the longer one (crash-loop.long.test.ts).
describe('crash loop (CI): kill -9 the cloud during the ecommerce seed, restart on the same data directory', () => {
  let loop: CrashLoop | undefined;
  afterAll(() => loop?.dispose());

  it('settles every order once, keeps the stock invariant, leaves no dead letter and no JVM', { timeout: 480_000 }, async () => {
    loop = await runCrashLoop({
      kills: 2,
      styles: ['group', 'node'],
      appsModule: 'test/reliability/fixtures/ecommerce-apps.ts',
      killWindowMs: [2_000, 15_000],
      seedTimeoutSeconds: 150,
      maxFinalSeedRuns: 2,
    });
    await expectCrashSafe(loop);
    console.error(`crash loop (CI): ${describeLoop(loop)}`);
  });
});
