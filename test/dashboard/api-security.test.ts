import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { pipelineApp } from '../fixtures/apps/pipeline-app.ts';
import { startTestCloud } from '../support/cloud.ts';
import { waitFor } from '../support/wait-for.ts';
import { dashboardApi, rawRequest, readEvents, type DashboardApi } from './support.ts';

const APP = 'dashsec';
let cloud: LocalCloud;
let api: DashboardApi;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'eventloom-dashboard-'));
  cloud = await startTestCloud({ apps: [pipelineApp(APP)], dataDir });
  api = dashboardApi(cloud.url);
});
afterAll(async () => {
  await cloud?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('dashboard security: loopback only, no other origin, no CORS', () => {
  it('refuses a foreign Origin on reads and actions, and a cross-site action without one', async () => {
    const origin = { origin: 'http://evil.example' };

    const read = await api.get('overview', origin);
    const action = await api.post(`queues/${APP}-work/purge`, undefined, origin);
    const page = await fetch(`${cloud.url}/_eventloom/`, { headers: origin });
    const stream = await fetch(`${cloud.url}/_eventloom/events`, { headers: origin });
    const crossSite = await api.post(`queues/${APP}-work/purge`, undefined, { 'sec-fetch-site': 'cross-site' });
    const otherPort = await api.post(`queues/${APP}-work/purge`, undefined, { origin: 'http://127.0.0.1:1' });

    for (const refused of [read, action, otherPort]) expect(refused).toMatchObject({ status: 403, body: { error: 'Forbidden', message: expect.stringContaining('Origin') } });
    expect(crossSite).toMatchObject({ status: 403, body: { message: expect.stringContaining('cross-site') } });
    expect([page.status, stream.status]).toEqual([403, 403]);
    expect(cloud.services.sqs.listQueues()).toContain(`${APP}-work`);
  });

  it('accepts its own origin and scripts without one, and answers no CORS headers', async () => {
    const own = await api.post(`queues/${APP}-transformed/messages`, { body: 'x' }, { origin: cloud.url, 'sec-fetch-site': 'same-origin' });
    const script = await api.get('faults');
    const preflight = await fetch(`${cloud.url}/_eventloom/api/faults`, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'PUT' } });

    expect(own.status).toBe(200);
    expect(script).toMatchObject({ status: 200, body: { faults: {} } });
    expect(script.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a Host that is not the loopback address, even one the main port accepts (*.localhost)', async () => {
    const port = new URL(cloud.url).port;

    const rebound = await rawRequest(cloud.url, '/_eventloom/api/overview', { host: `attacker.example:${port}` });
    const subdomain = await rawRequest(cloud.url, '/_eventloom/api/overview', { host: `app.localhost:${port}` });
    const loopback = await rawRequest(cloud.url, '/_eventloom/api/faults', { host: `localhost:${port}` });

    expect(rebound.status).toBe(403);
    expect(subdomain).toMatchObject({ status: 403, body: expect.stringContaining('Host') });
    expect(loopback.status).toBe(200);
  });

  it('serves the page and its files with a content security policy that allows nothing but itself, and ETags', async () => {
    const page = await fetch(`${cloud.url}/_eventloom/`);
    const script = await fetch(`${cloud.url}/_eventloom/assets/app.js`);
    const again = await fetch(`${cloud.url}/_eventloom/assets/app.js`, { headers: { 'if-none-match': script.headers.get('etag')! } });
    const linked = await fetch(`${cloud.url}/_eventloom?trace=ORD-1`, { redirect: 'manual' });

    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module" src="/_eventloom/assets/app.js">');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(again.status).toBe(304);
    expect(linked.headers.get('location')).toBe('/_eventloom/?trace=ORD-1');
    expect((await fetch(`${cloud.url}/_eventloom/assets/nope.js`)).status).toBe(404);
  });
});

describe('dashboard live feed (server-sent events)', () => {
  it('sends an overview and the recent activity at once, then coalesces a burst into a few batches', async () => {
    // Prepare
    const feed = readEvents(cloud.url);
    await waitFor(() => feed.messages.some((m) => m.event === 'overview'), { timeoutMs: 10_000, description: 'the first overview' });
    const before = feed.messages.length;

    // Act: 60 sends in one burst.
    for (let i = 0; i < 60; i++) cloud.services.sqs.sendMessage(`${APP}-transformed`, { body: `burst-${i}` });

    // Assess
    const sends = () => feed.messages.slice(before).filter((m) => m.event === 'activity').flatMap((m) => (m.data as { steps: { kind: string }[] }).steps);
    await waitFor(() => sends().filter((step) => step.kind === 'queue-send').length === 60, { timeoutMs: 10_000, description: '60 sends on the feed' });
    const batches = feed.messages.slice(before).filter((m) => m.event === 'activity' && (m.data as { steps: unknown[] }).steps.length > 0);
    expect(batches.length).toBeLessThanOrEqual(3);
    expect(batches.at(-1)?.id).toMatch(/^\d+$/);
    await waitFor(() => feed.messages.slice(before).some((m) => m.event === 'overview'), { timeoutMs: 10_000, description: 'an overview after the burst' });
    feed.stop();
  });

  it('listens to the activity feed only while a page is open', async () => {
    const { activity } = cloud.services;
    // Only the dashboard's counters listen once the previous test's page has gone.
    const idle = 1;
    await waitFor(() => activity.listenerCount === idle, { timeoutMs: 10_000, description: 'no page connected' });
    const first = readEvents(cloud.url);
    const second = readEvents(cloud.url);
    await waitFor(() => [first, second].every((feed) => feed.messages.some((m) => m.event === 'overview')), { timeoutMs: 10_000, description: 'both pages connected' });
    expect(activity.listenerCount).toBe(idle + 1);

    first.stop();
    second.stop();

    await waitFor(() => activity.listenerCount === idle, { timeoutMs: 10_000, description: 'the feed released' });
  });
});

describe('dashboard: faults are off after a restart', () => {
  it('a fault set before a restart is gone after it', async () => {
    expect((await api.put(`functions/${APP}-direct/fault`, { errorRate: 0.5 })).status).toBe(200);
    expect((await api.get('faults')).body).toEqual({ faults: { [`${APP}-direct`]: { errorRate: 0.5, latencyMs: 0, duplicateRate: 0 } } });

    await cloud.stop();
    cloud = await startTestCloud({ apps: [pipelineApp(APP)], dataDir });
    api = dashboardApi(cloud.url);

    expect((await api.get('faults')).body).toEqual({ faults: {} });
    const invoked = await api.post(`functions/${APP}-direct/invoke`, { payload: { detail: { dynamodb: { Keys: { pk: { S: 'after-restart' } } } } } });
    expect(invoked.body).toMatchObject({ ok: true });
  });
});
