import { httpHandler } from '../../../../platform/http.ts';
import { tables } from '../../shared/config.ts';
import { storeDeps } from '../../shared/deps.ts';
import { simulateRawEvent, simulateRawEventSchema } from './simulateRawEvent.ts';

const deps = storeDeps(tables.eventStore);

/** POST /api/v1/testing/simulateRawEvent → 202 echo (dev-only API). */
export const handler = httpHandler({ body: simulateRawEventSchema, status: 202, handle: ({ body }) => simulateRawEvent(deps, body) });
