import { z } from 'zod';
import { defineRoute } from '../http/route.ts';
import { countAccountParams, countSchema } from './schemas.ts';
import { listAccountCounts, listCounts } from './service.ts';

const tag = 'counts';

export const countRoutes = [
  defineRoute({
    method: 'GET',
    path: '/counts',
    tag,
    summary: 'List every eventual counter (a scan)',
    success: { status: 200, schema: z.array(countSchema), description: 'The counters' },
    errors: [],
    handle: (_, deps) => listCounts(deps),
  }),
  defineRoute({
    method: 'GET',
    path: '/counts/{accountId}',
    tag,
    summary: "The account's eventual counters",
    params: countAccountParams,
    success: { status: 200, schema: z.array(countSchema), description: 'The counters' },
    errors: [400, 404],
    handle: ({ params }, deps) => listAccountCounts(deps, params.accountId),
  }),
];
