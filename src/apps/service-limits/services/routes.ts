import { z } from 'zod';
import { successSchema } from '../accounts/schemas.ts';
import { defineRoute } from '../http/route.ts';
import { createServiceBody, ownerQuery, serviceIdParams, serviceSchema, updateServiceBody } from './schemas.ts';
import { createService, deleteService, getService, listServices, renameService } from './service.ts';

const tag = 'services';

export const serviceRoutes = [
  defineRoute({
    method: 'POST',
    path: '/services',
    tag,
    summary: 'Create a service (409 when the account reached its limit)',
    body: createServiceBody,
    success: { status: 201, schema: serviceSchema, description: 'The service' },
    errors: [400, 404, 409],
    handle: ({ body }, deps) => createService(deps, body),
  }),
  defineRoute({
    method: 'GET',
    path: '/services',
    tag,
    summary: 'List every live service (a scan)',
    success: { status: 200, schema: z.array(serviceSchema), description: 'The live services' },
    errors: [],
    handle: (_, deps) => listServices(deps),
  }),
  defineRoute({
    method: 'GET',
    path: '/services/{id}',
    tag,
    summary: 'Read a live service',
    params: serviceIdParams,
    query: ownerQuery,
    success: { status: 200, schema: serviceSchema, description: 'The service' },
    errors: [400, 404],
    handle: ({ params, query }, deps) => getService(deps, query.ownerAccountId, params.id),
  }),
  defineRoute({
    method: 'PUT',
    path: '/services/{id}',
    tag,
    summary: 'Rename a live service',
    params: serviceIdParams,
    query: ownerQuery,
    body: updateServiceBody,
    success: { status: 200, schema: serviceSchema, description: 'The updated service' },
    errors: [400, 404],
    handle: ({ params, query, body }, deps) => renameService(deps, query.ownerAccountId, params.id, body.name),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/services/{id}',
    tag,
    summary: 'Soft-delete a service (the stream consumer hard-deletes it once counted)',
    params: serviceIdParams,
    query: ownerQuery,
    success: { status: 200, schema: successSchema, description: 'Deleted' },
    errors: [400, 404],
    handle: ({ params, query }, deps) => deleteService(deps, query.ownerAccountId, params.id),
  }),
];
