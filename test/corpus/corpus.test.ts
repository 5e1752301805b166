import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../src/local-cloud/free-port.ts';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const runner = fileURLToPath(new URL('../../../shared/corpus/run.mjs', import.meta.url));
const present = existsSync(runner);

// Real third-party SAM and CDK apps (../shared/corpus), each started with `npm start -- --template|--cdk-out`
// and driven through the AWS APIs by the corpus's own runner. Patterns run one after another: the
// runner counts every DynamoDB Local JVM that appears during a pattern as that pattern's.
describe.skipIf(!present)('the serverless-patterns corpus runs unchanged', () => {
  it('passes every pattern', { timeout: 30 * 60_000 }, async () => {
    const port = await freePort();
    const output: string[] = [];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [runner, '--project', projectRoot, '--port', String(port)], {
        cwd: projectRoot,
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const collect = (chunk: Buffer) => {
        const text = chunk.toString();
        output.push(text);
        process.stdout.write(text.split('\n').filter((line) => /^(PASS|FAIL|corpus:)/.test(line)).map((line) => `${line}\n`).join(''));
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.on('error', reject);
      child.on('close', resolve);
    });
    const text = output.join('');
    const summary = /corpus: (\d+)\/(\d+) patterns passed/.exec(text);
    expect(summary, text.slice(-2_000)).not.toBeNull();
    expect(text.split('\n').filter((line) => line.startsWith('FAIL'))).toEqual([]);
    expect(summary![1]).toBe(summary![2]);
    expect(code).toBe(0);
  });
});

if (!present) it.skip('the corpus runner (../shared/corpus/run.mjs) is absent beside this clone', () => undefined);
