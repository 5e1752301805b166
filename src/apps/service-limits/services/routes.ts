import { z } from 'zod';
import { successSchema } from '../accounts/schemas.ts';
import { defineRoute } from '../http/route.ts';
import { createServiceBody, ownerQuery, serviceIdParams, serviceSchema, updateServiceBody } from './schemas.ts';
import { createService, deleteService, getService, listServices, renameService } from './service.ts';

const tag = 'services';

export const serviceRoutes = {
  'POST /services': defineRoute({
    tag,
    summary: 'Create a service (409 when the account reached its limit)',
    body: createServiceBody,
    status: 201,
    response: { schema: serviceSchema, description: 'The service' },
    errors: [400, 404, 409],
    handle: ({ body }, deps) => createService(deps, body),
  }),
  'GET /services': defineRoute({
    tag,
    summary: 'List every live service (a scan)',
    response: { schema: z.array(serviceSchema), description: 'The live services' },
    errors: [],
    handle: (_, deps) => listServices(deps),
  }),
  'GET /services/{id}': defineRoute({
    tag,
    summary: 'Read a live service',
    params: serviceIdParams,
    query: ownerQuery,
    response: { schema: serviceSchema, description: 'The service' },
    errors: [400, 404],
    handle: ({ params, query }, deps) => getService(deps, query.ownerAccountId, params.id),
  }),
  'PUT /services/{id}': defineRoute({
    tag,
    summary: 'Rename a live service',
    params: serviceIdParams,
    query: ownerQuery,
    body: updateServiceBody,
    response: { schema: serviceSchema, description: 'The updated service' },
    errors: [400, 404],
    handle: ({ params, query, body }, deps) => renameService(deps, query.ownerAccountId, params.id, body.name),
  }),
  'DELETE /services/{id}': defineRoute({
    tag,
    summary: 'Soft-delete a service (the stream consumer hard-deletes it once counted)',
    params: serviceIdParams,
    query: ownerQuery,
    response: { schema: successSchema, description: 'Deleted' },
    errors: [400, 404],
    handle: ({ params, query }, deps) => deleteService(deps, query.ownerAccountId, params.id),
  }),
};
