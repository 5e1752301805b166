import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCdkApp } from '../../src/aws/synth.ts';
import { defineApp, tableName } from '../../src/platform/topology/define.ts';
import { ENV, type Props } from './helpers.ts';

const app = defineApp({
  name: 'bundle',
  tables: { store: { partitionKey: { name: 'pk', type: 'S' }, sortKey: { name: 'sk', type: 'S' } } },
  functions: {
    listSkus: { handler: 'src/apps/ecommerce/inventory/listSkus/handler.ts#handler', environment: { INVENTORY_TABLE_NAME: tableName('store') }, tableAccess: { store: ['GetItem', 'Query'] } },
  },
});

describe('bundling: one real function, with the installed esbuild', () => {
  let outdir: string;
  let code: Props;
  let handler: unknown;
  let variables: Props;
  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'eventloom-bundle-'));
    const { app: cdkApp, stacks } = buildCdkApp({ apps: [app], code: 'esbuild', env: ENV, appProps: { outdir, builtinCloudFormationValidation: false } });
    const template = cdkApp.synth().getStackArtifact(stacks[0]!.artifactId).template as { Resources: Record<string, { Type: string; Properties: Props }> };
    const fn = Object.values(template.Resources).find((r) => r.Type === 'AWS::Lambda::Function')!;
    code = fn.Properties.Code as Props;
    handler = fn.Properties.Handler;
    variables = (fn.Properties.Environment as { Variables: Props }).Variables;
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('bundles the handler into an ESM asset that loads and exports the handler', () => {
    expect(handler).toBe('index.handler');
    const key = String(code.S3Key).replace(/\.zip$/, '');
    const bundle = join(outdir, `asset.${key}`, 'index.mjs');
    expect(existsSync(bundle)).toBe(true);
    const exported = execFileSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(bundle)}); console.log(typeof m.handler);`], {
      env: { ...process.env, INVENTORY_TABLE_NAME: 't', AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      encoding: 'utf8',
    });
    expect(exported.trim()).toBe('function');
  });

  it('ships the source map only with Node told to use it', () => {
    const key = String(code.S3Key).replace(/\.zip$/, '');
    expect(existsSync(join(outdir, `asset.${key}`, 'index.mjs.map'))).toBe(true);
    expect(variables.NODE_OPTIONS).toBe('--enable-source-maps');
  });
});
