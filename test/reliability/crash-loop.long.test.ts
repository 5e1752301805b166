import { afterAll, describe, it } from 'vitest';
import { runCrashLoop, type CrashLoop } from './crash-loop.ts';
import { describeLoop, expectCrashSafe } from './crash-loop-assertions.ts';

/** Kills per loop: RELIABILITY_KILLS, default 6. */
const KILLS = Number(process.env.RELIABILITY_KILLS ?? 6);

// The long variant (`npm run test:reliability` only): every app, as `npm start` runs them, killed six
// times at random points from 1 s to 30 s into the seed, alternating the whole process group and
// node alone, as issue 15's tester did by hand.
describe('crash loop (long): every app, six kills during the ecommerce seed', () => {
  let loop: CrashLoop | undefined;
  afterAll(() => loop?.dispose());

  it('settles every order once, keeps the stock invariant, leaves no dead letter and no JVM', { timeout: 60 * 60_000 }, async () => {
    loop = await runCrashLoop({
      kills: KILLS,
      styles: ['group', 'node', 'group'],
      killWindowMs: [1_000, 30_000],
      seedTimeoutSeconds: 240,
      maxFinalSeedRuns: 3,
      log: (line) => console.error(line),
    });
    await expectCrashSafe(loop);
    console.error(`crash loop (long): ${describeLoop(loop)}`);
  });
});
