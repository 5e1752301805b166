import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ScriptError } from './cli.ts';
import type { HttpAnswer, RequestView } from './client.ts';
import { watchRequest } from './watch-request.ts';

const view = (status: RequestView['status'], processedBatches = 0): RequestView => ({
  requestId: 'r1',
  status,
  createdAt: '2026-01-01T00:00:00.000Z',
  totalBatches: 4,
  processedBatches,
  contactCount: 400,
  outputFileKey: null,
});

/** The `get` port answering from a script, repeating its last answer. */
function answering(...answers: HttpAnswer[]) {
  let calls = 0;
  return { get: async () => answers[Math.min(calls++, answers.length - 1)] as HttpAnswer<RequestView> };
}

const quiet = new Writable({ write: (_chunk, _encoding, done) => done() }) as unknown as NodeJS.WriteStream;
const options = { intervalMs: 1, output: quiet };

describe('watchRequest', () => {
  it('follows a request until it leaves processing', async () => {
    const api = answering({ status: 200, body: view('processing', 1) }, { status: 200, body: view('completed', 4) });
    await expect(watchRequest(api, 'r1', options)).resolves.toMatchObject({ status: 'completed' });
  });

  it('names an unknown id in one line', async () => {
    const watching = watchRequest(answering({ status: 404, body: { message: 'Request not found' } }), 'r404', options);
    await expect(watching).rejects.toThrow(ScriptError);
    await expect(watching).rejects.toThrow(/^no request r404$/);
  });

  it('names any other answer by its status and message', async () => {
    const watching = watchRequest(answering({ status: 500, body: { message: 'Internal server error' } }), 'r1', options);
    await expect(watching).rejects.toThrow(new ScriptError('GET /enrichment/r1 answered 500: Internal server error'));
  });

  it('gives up on a request still processing at the timeout', async () => {
    // Prepare: a clock that moves 1 s per reading
    let clock = 0;
    const api = answering({ status: 200, body: view('processing', 2) });

    // Act
    const watching = watchRequest(api, 'r1', { ...options, timeoutMs: 3_000, now: () => (clock += 1_000) });

    // Assess
    await expect(watching).rejects.toThrow(new ScriptError('request r1 is still processing after 3 s (2/4 batches)'));
  });
});
