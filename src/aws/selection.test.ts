import { describe, expect, it } from 'vitest';
import { defineApp } from '../platform/topology/define.ts';
import { resolveOptions } from './options.ts';
import { selectResources } from './selection.ts';

const handler = 'src/apps/shop/handler.ts#handler';
const app = defineApp({
  name: 'shop',
  queues: { jobs: {} },
  buses: { events: {} },
  functions: {
    api: { handler },
    chaos: { handler },
    // Routed only by the dev-only API, but also consuming a queue: it stays.
    chaosWorker: { handler, triggers: [{ type: 'sqs', queue: 'jobs' }] },
    // Routed by the dev-only API and a rule target: it stays.
    audit: { handler },
  },
  rules: { audit: { bus: 'events', eventPattern: { source: ['shop'] }, targets: [{ function: 'audit' }] } },
  httpApis: {
    orders: { routes: [{ route: 'GET /orders', function: 'api' }] },
    testing: {
      devOnly: true,
      routes: [
        { route: 'POST /chaos', function: 'chaos' },
        { route: 'POST /chaos/worker', function: 'chaosWorker' },
        { route: 'POST /audit', function: 'audit' },
        { route: 'GET /orders', function: 'api' },
      ],
    },
  },
});

describe('selectResources', () => {
  it('keeps every API and function with the testing API enabled', () => {
    const selection = selectResources(app, resolveOptions({ enableTestingApi: true }));
    expect([...selection.httpApis]).toEqual(['orders', 'testing']);
    expect([...selection.functions]).toEqual(['api', 'chaos', 'chaosWorker', 'audit']);
  });

  it('leaves out a dev-only API without it (any stage), and the functions only it routes to', () => {
    const selection = selectResources(app, resolveOptions({ stage: 'prod' }));
    expect([...selection.httpApis]).toEqual(['orders']);
    expect([...selection.functions]).toEqual(['api', 'chaosWorker', 'audit']);
  });

  it('keeps the dev-only API in another stage when the testing API is enabled', () => {
    const selection = selectResources(app, resolveOptions({ stage: 'prod', enableTestingApi: true }));
    expect(selection.httpApis.has('testing')).toBe(true);
    expect(selection.functions.has('chaos')).toBe(true);
  });
});
