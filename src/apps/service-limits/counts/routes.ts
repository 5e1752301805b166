import { z } from 'zod';
import { defineRoute } from '../http/route.ts';
import { countAccountParams, countSchema } from './schemas.ts';
import { listAccountCounts, listCounts } from './service.ts';

const tag = 'counts';

export const countRoutes = {
  'GET /counts': defineRoute({
    tag,
    summary: 'List every eventual counter (a scan)',
    response: { schema: z.array(countSchema), description: 'The counters' },
    errors: [],
    handle: (_, deps) => listCounts(deps),
  }),
  'GET /counts/{accountId}': defineRoute({
    tag,
    summary: "The account's eventual counters",
    params: countAccountParams,
    response: { schema: z.array(countSchema), description: 'The counters' },
    errors: [400, 404],
    handle: ({ params }, deps) => listAccountCounts(deps, params.accountId),
  }),
};
