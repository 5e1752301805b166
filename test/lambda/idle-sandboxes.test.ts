import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { pipelineApp } from '../fixtures/apps/pipeline-app.ts';
import { startTestCloud } from '../support/cloud.ts';
import { waitFor } from '../support/wait-for.ts';

const APP = 'idlesandbox';

describe('idle function sandboxes', () => {
  let cloud: LocalCloud;

  beforeAll(async () => {
    cloud = await startTestCloud({ apps: [pipelineApp(APP)], idleSandboxTtlMs: 300 });
  });
  afterAll(async () => {
    await cloud?.stop();
  });

  it('are ended once unused for idleSandboxTtlMs, and the next invocation starts a new one', async () => {
    const { runner } = cloud.services;
    const name = `${APP}-direct`;
    const event = { detail: { dynamodb: { Keys: { pk: { S: 'idle-1' } } } } };

    const first = await runner.invoke(name, event);
    expect(first).toMatchObject({ ok: true, coldStart: true });
    await waitFor(() => runner.stats(name).warmWorkers === 0, { timeoutMs: 15_000, description: 'the idle sandbox ended' });

    const second = await runner.invoke(name, { detail: { dynamodb: { Keys: { pk: { S: 'idle-2' } } } } });
    expect(second).toMatchObject({ ok: true, coldStart: true });
  });
});
