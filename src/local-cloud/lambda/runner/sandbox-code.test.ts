import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FunctionRunner } from './function-runner.ts';

// A project outside eventloom's folder: no node_modules of its own, as in a user's handler folder.
const dir = mkdtempSync(join(tmpdir(), 'eventloom-sandbox-code-'));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const runner = new FunctionRunner();
const register = (name: string, modulePath: string) => runner.register({ name, modulePath, exportName: 'handler', environment: {}, timeoutSeconds: 10, memoryMb: 128 });

file('where.ts', 'export const where = (): string => import.meta.url;\n');
file(
  'fails.ts',
  `import { where } from './where.ts';
export const handler = async (event: { fail: boolean }): Promise<string> => {
  if (event.fail) throw new RangeError('from line 3');
  return where();
};
`,
);
file('sdk.mjs', "import { SQSClient } from '@aws-sdk/client-sqs';\nexport const handler = async () => typeof SQSClient;\n");
file('sdk.cjs', "const { SQSClient } = require('@aws-sdk/client-sqs');\nexports.handler = async () => typeof SQSClient;\n");
file('paths.cjs', 'exports.handler = async () => [__dirname, __filename];\n');
file(
  'idiom.ts',
  "import { dirname } from 'node:path';\nimport { fileURLToPath } from 'node:url';\nconst __dirname = dirname(fileURLToPath(import.meta.url));\nexport const handler = async () => __dirname;\n",
);
// A bundle as CDK's NodejsFunction builds it for ESM: its banner declares `require`, and esbuild's shim uses it.
file(
  'cdk-bundle.mjs',
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);\nvar __require = ((x) => typeof require !== 'undefined' ? require : null)();\nexport const handler = async () => typeof __require('node:path').join;\n",
);
file('broken.ts', 'export const handler = async () => {\n');
file('missing-import.ts', "import { nothing } from './nowhere.ts';\nexport const handler = async () => nothing;\n");

afterAll(async () => {
  await runner.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the code a sandbox loads (compiled in the main thread)', () => {
  it('keeps each project module its own import.meta.url (and a CommonJS one its __dirname), and names the TypeScript source in stack traces', async () => {
    register('fails', join(dir, 'fails.ts'));
    register('paths', join(dir, 'paths.cjs'));
    register('idiom', join(dir, 'idiom.ts'));

    const fine = await runner.invoke('fails', { fail: false });
    const failed = await runner.invoke('fails', { fail: true });
    const paths = await runner.invoke('paths', {});
    const idiom = await runner.invoke('idiom', {});

    expect(fine).toMatchObject({ ok: true, payload: pathToFileURL(join(dir, 'where.ts')).href });
    expect(paths).toMatchObject({ ok: true, payload: [dir, join(dir, 'paths.cjs')] });
    expect(idiom).toMatchObject({ ok: true, payload: dir });
    expect(!failed.ok && failed.error.trace?.slice(0, 2)).toEqual(['RangeError: from line 3', expect.stringContaining(`${join(dir, 'fails.ts')}:3:`)]);
  });

  it("imports or requires the AWS SDK from eventloom's copy when the handler's folder has none, as the Lambda runtime provides it", async () => {
    register('sdk', join(dir, 'sdk.mjs'));
    register('sdk-required', join(dir, 'sdk.cjs'));

    expect(await runner.invoke('sdk', {})).toMatchObject({ ok: true, payload: 'function' });
    expect(await runner.invoke('sdk-required', {})).toMatchObject({ ok: true, payload: 'function' });
  });

  it('loads a bundle whose banner declares its own `require` (CDK NodejsFunction, ESM)', async () => {
    register('cdk-bundle', join(dir, 'cdk-bundle.mjs'));

    expect(await runner.invoke('cdk-bundle', {})).toMatchObject({ ok: true, payload: 'function' });
  });

  it('fails a module that does not compile, or imports a missing one, in the init phase as the Node.js runtime names it', async () => {
    register('broken', join(dir, 'broken.ts'));
    register('missing-import', join(dir, 'missing-import.ts'));

    expect(await runner.invoke('broken', {})).toMatchObject({ ok: false, error: { errorType: 'Runtime.UserCodeSyntaxError' } });
    expect(await runner.invoke('missing-import', {})).toMatchObject({
      ok: false,
      error: { errorType: 'Runtime.ImportModuleError', errorMessage: expect.stringContaining("Cannot find module './nowhere.ts'") },
    });
  });
});

describe('build folders', () => {
  it('a folder left by a process that is gone (kill -9) is removed by the next runner; a live one’s stays', async () => {
    const gone = join(tmpdir(), `eventloom-sandboxes-${2 ** 22 + 11}-leftover`);
    const live = join(tmpdir(), `eventloom-sandboxes-${process.ppid}-live`);
    mkdirSync(gone, { recursive: true });
    mkdirSync(live, { recursive: true });
    const fresh = new FunctionRunner();
    fresh.register({ name: 'paths', modulePath: join(dir, 'paths.cjs'), exportName: 'handler', environment: {}, timeoutSeconds: 10, memoryMb: 128 });
    try {
      expect(await fresh.invoke('paths', {})).toMatchObject({ ok: true });
      expect(existsSync(gone)).toBe(false);
      expect(existsSync(live)).toBe(true);
    } finally {
      await fresh.close();
      rmSync(live, { recursive: true, force: true });
    }
  });

  it('a build folder that cannot be made fails that cold start, frees its cold-start slot and is tried again', async () => {
    const single = new FunctionRunner({ maxConcurrentColdStarts: 1 });
    single.register({ name: 'paths', modulePath: join(dir, 'paths.cjs'), exportName: 'handler', environment: {}, timeoutSeconds: 10, memoryMb: 128 });
    const tmp = process.env.TMPDIR;
    try {
      process.env.TMPDIR = join(dir, 'no-such-folder');
      await expect(single.invoke('paths', {})).rejects.toThrow(/ENOENT/);
      process.env.TMPDIR = tmp;
      if (tmp === undefined) delete process.env.TMPDIR;

      expect(await single.invoke('paths', {})).toMatchObject({ ok: true, coldStart: true });
    } finally {
      if (tmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmp;
      await single.close();
    }
  });
});
