import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFiles } from '../../../test/support/templates/assembly.ts';
import { loadTemplate } from './load.ts';
import { zipArchive } from '../../../test/support/templates/zip-writer.ts';

const work = mkdtempSync(join(tmpdir(), 'templates-functions-'));
const cacheDir = join(work, 'cache');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const samFunction = (id: string, properties: string, metadata: string) =>
  [`  ${id}:`, '    Type: AWS::Serverless::Function', `    Properties: { CodeUri: src/, Runtime: nodejs22.x, ${properties} }`, `    Metadata: ${metadata}`].join('\n');

writeFiles(work, {
  'built/template.yaml': [
    'Transform: AWS::Serverless-2016-10-31',
    'Resources:',
    samFunction('Cjs', 'Handler: app.handler', '{ BuildMethod: esbuild, BuildProperties: { EntryPoints: [app.ts], Minify: false } }'),
    samFunction('Esm', 'Handler: app.handler', "{ BuildMethod: esbuild, BuildProperties: { EntryPoints: [app.ts], Format: esm, OutExtension: ['.js=.mjs'] } }"),
    samFunction('NoDeps', 'Handler: other.handler', '{ BuildMethod: esbuild, BuildProperties: { EntryPoints: [other.ts] } }'),
    samFunction('Make', 'Handler: app.handler', '{ BuildMethod: makefile }'),
  ].join('\n'),
  'built/src/app.ts': [
    "import { SQSClient } from '@aws-sdk/client-sqs';",
    "import { greet } from './lib/greet';",
    'export const handler = async (): Promise<string> => greet(typeof SQSClient);',
  ].join('\n'),
  'built/src/lib/greet.ts': 'export const greet = (what: string): string => `hello ${what}`;',
  'zipped/template.yaml': [
    'Transform: AWS::Serverless-2016-10-31',
    'Resources:',
    '  Zipped: { Type: AWS::Serverless::Function, Properties: { CodeUri: dist/fn.zip, Handler: main.handler, Runtime: nodejs20.x } }',
    '  Nowhere: { Type: AWS::Serverless::Function, Properties: { CodeUri: gone/, Handler: main.handler, Runtime: nodejs20.x } }',
    '  OneFile: { Type: AWS::Serverless::Function, Properties: { CodeUri: src/single.js, Handler: single.handler, Runtime: nodejs20.x } }',
  ].join('\n'),
  'zipped/src/single.js': 'exports.handler = async () => 1;',
  'zipped/dist/fn.zip': zipArchive([{ name: 'main.js', data: 'exports.handler = async () => 1;', deflate: true }]),
  'built/src/other.ts': "import leftPad from 'left-pad-not-installed';\nimport { S3Client } from '@aws-sdk/client-s3';\nexport const handler = async () => leftPad(String(S3Client), 3);",
});

describe('functions built with esbuild (SAM BuildMethod)', () => {
  it('bundles the entry points into the cache and finds the handler there', async () => {
    const stack = await loadTemplate(join(work, 'built/template.yaml'), { cacheDir });

    const cjs = stack.functions.find((fn) => fn.logicalId === 'Cjs')!;
    expect(cjs).toMatchObject({ source: 'esbuild', dir: join(cacheDir, 'esbuild/built/Cjs'), module: join(cacheDir, 'esbuild/built/Cjs/app.js'), exportName: 'handler' });
    expect(cjs.problem).toBeUndefined();
    const bundle = readFileSync(cjs.module!, 'utf8');
    expect(bundle).toContain('hello ');
    // @aws-sdk is not installed next to the code: left to the runtime, as Lambda provides it.
    expect(bundle).toContain('require("@aws-sdk/client-sqs")');
    const esm = stack.functions.find((fn) => fn.logicalId === 'Esm')!;
    expect(esm.module).toBe(join(cacheDir, 'esbuild/built/Esm/app.mjs'));
    expect(readFileSync(esm.module!, 'utf8')).toMatch(/export\s*\{/);
  });

  it('reports what esbuild or a build method cannot do, naming the function', async () => {
    const stack = await loadTemplate(join(work, 'built/template.yaml'), { cacheDir });

    expect(stack.functions.find((fn) => fn.logicalId === 'NoDeps')?.problem).toBe('esbuild could not bundle other.ts: Could not resolve "left-pad-not-installed"');
    expect(stack.functions.find((fn) => fn.logicalId === 'Make')?.problem).toBe('BuildMethod makefile is not run locally (only esbuild is)');
    expect(existsSync(join(cacheDir, 'esbuild/built/Make'))).toBe(false);
  });
});

describe('local code', () => {
  it('extracts a zip CodeUri, takes a single-file CodeUri, and names a CodeUri that does not exist', async () => {
    const stack = await loadTemplate(join(work, 'zipped/template.yaml'), { cacheDir });

    const [zipped, nowhere, oneFile] = stack.functions;
    expect(oneFile).toMatchObject({ source: 'directory', module: join(work, 'zipped/src/single.js') });
    expect(zipped).toMatchObject({ source: 'zip', exportName: 'handler' });
    expect(readFileSync(zipped!.module!, 'utf8')).toBe('exports.handler = async () => 1;');
    expect(nowhere?.problem).toBe(`CodeUri ${join(work, 'zipped/gone')} does not exist`);
  });
});
