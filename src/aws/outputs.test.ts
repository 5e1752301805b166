import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineApp } from '../platform/topology/define.ts';
import { resolveOptions } from './options.ts';
import { envFromOutputs, readOutputsFile } from './outputs.ts';

const handler = 'src/apps/shop/handler.ts#handler';
const app = defineApp({
  name: 'shop',
  tables: { plain: { partitionKey: { name: 'pk', type: 'S' }, nameEnv: 'SHOP_TABLE_NAME' } },
  functions: { api: { handler }, chaos: { handler } },
  httpApis: {
    orders: { routes: [{ route: 'GET /orders', function: 'api' }], baseUrlEnv: 'SHOP_API_BASE_URL' },
    testing: { routes: [{ route: 'POST /chaos', function: 'chaos' }], baseUrlEnv: 'SHOP_TESTING_API_BASE_URL', devOnly: true },
  },
});

describe('envFromOutputs', () => {
  it('turns stack outputs into the .env base URLs and table names, without the APIs a stage leaves out', () => {
    const outputs = { 'eventloom-prod-shop': { ShopApiBaseUrl: 'https://abc.execute-api.us-east-1.amazonaws.com', ShopTableName: 'eventloom-prod-shop-plain' } };
    expect(envFromOutputs(outputs, [app], resolveOptions({ stage: 'prod' }))).toEqual({
      SHOP_API_BASE_URL: 'https://abc.execute-api.us-east-1.amazonaws.com',
      SHOP_TABLE_NAME: 'eventloom-prod-shop-plain',
    });
  });

  it('also wants the dev-only API when the testing API is enabled', () => {
    const outputs = { 'eventloom-dev-shop': { ShopApiBaseUrl: 'a', ShopTableName: 'b' } };
    expect(() => envFromOutputs(outputs, [app], resolveOptions({ enableTestingApi: true }))).toThrow(/ShopTestingApiBaseUrl \(SHOP_TESTING_API_BASE_URL\)/);
  });

  it('names the missing output and suggests the stack was not deployed', () => {
    expect(() => envFromOutputs({}, [app], resolveOptions({ stage: 'prod' }))).toThrow(/stack eventloom-prod-shop have no ShopApiBaseUrl .*was it deployed/);
  });
});

describe('readOutputsFile', () => {
  it('reads what cdk deploy --outputs-file wrote, or says to deploy first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eventloom-outputs-'));
    try {
      const file = join(dir, 'outputs.json');
      writeFileSync(file, JSON.stringify({ stack: { Id: 'value' } }));
      expect(readOutputsFile(file)).toEqual({ stack: { Id: 'value' } });
      expect(() => readOutputsFile(join(dir, 'missing.json'))).toThrow(/run `npm run deploy -- --stage <stage>` first/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
