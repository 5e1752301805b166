import { z } from 'zod';
import { defineRoute } from '../http/route.ts';
import { deleteAccountServices, listAccountServices } from '../services/service.ts';
import { deletedServicesSchema, serviceSchema } from '../services/schemas.ts';
import { accountIdParams, accountSchema, createAccountBody, successSchema, updateAccountBody } from './schemas.ts';
import { createAccount, deleteAccount, getAccount, listAccounts, updateAccount } from './service.ts';

const tag = 'accounts';

export const accountRoutes = [
  defineRoute({
    method: 'POST',
    path: '/accounts',
    tag,
    summary: 'Create an account (limit 5000) and its eventual counter',
    body: createAccountBody,
    success: { status: 201, schema: accountSchema, description: 'The account' },
    errors: [400],
    handle: ({ body }, deps) => createAccount(deps, body),
  }),
  defineRoute({
    method: 'GET',
    path: '/accounts',
    tag,
    summary: 'List every account (a scan)',
    success: { status: 200, schema: z.array(accountSchema), description: 'The accounts' },
    errors: [],
    handle: (_, deps) => listAccounts(deps),
  }),
  defineRoute({
    method: 'GET',
    path: '/accounts/{id}',
    tag,
    summary: 'Read an account',
    params: accountIdParams,
    success: { status: 200, schema: accountSchema, description: 'The account' },
    errors: [400, 404],
    handle: ({ params }, deps) => getAccount(deps, params.id),
  }),
  defineRoute({
    method: 'PUT',
    path: '/accounts/{id}',
    tag,
    summary: 'Set the username, the best-effort counter or the limit',
    params: accountIdParams,
    body: updateAccountBody,
    success: { status: 200, schema: accountSchema, description: 'The updated account' },
    errors: [400, 404],
    handle: ({ params, body }, deps) => updateAccount(deps, params.id, body),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/accounts/{id}',
    tag,
    summary: 'Delete an account and its counter (409 while it has services)',
    params: accountIdParams,
    success: { status: 200, schema: successSchema, description: 'Deleted' },
    errors: [400, 404, 409],
    handle: ({ params }, deps) => deleteAccount(deps, params.id),
  }),
  defineRoute({
    method: 'GET',
    path: '/accounts/{id}/services',
    tag,
    summary: "List the account's live services",
    params: accountIdParams,
    success: { status: 200, schema: z.array(serviceSchema), description: 'The live services' },
    errors: [400, 404],
    handle: ({ params }, deps) => listAccountServices(deps, params.id),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/accounts/{id}/services',
    tag,
    summary: "Soft-delete all the account's services, in batches",
    params: accountIdParams,
    success: { status: 200, schema: deletedServicesSchema, description: 'How many services were deleted' },
    errors: [400, 404],
    handle: ({ params }, deps) => deleteAccountServices(deps, params.id),
  }),
];
