import { z } from 'zod';
import { defineRoute } from '../http/route.ts';
import { deleteAccountServices, listAccountServices } from '../services/service.ts';
import { deletedServicesSchema, serviceSchema } from '../services/schemas.ts';
import { accountIdParams, accountSchema, createAccountBody, successSchema, updateAccountBody } from './schemas.ts';
import { createAccount, deleteAccount, getAccount, listAccounts, updateAccount } from './service.ts';

const tag = 'accounts';

export const accountRoutes = {
  'POST /accounts': defineRoute({
    tag,
    summary: 'Create an account (limit 5000) and its eventual counter',
    body: createAccountBody,
    status: 201,
    response: { schema: accountSchema, description: 'The account' },
    errors: [400],
    handle: ({ body }, deps) => createAccount(deps, body),
  }),
  'GET /accounts': defineRoute({
    tag,
    summary: 'List every account (a scan)',
    response: { schema: z.array(accountSchema), description: 'The accounts' },
    errors: [],
    handle: (_, deps) => listAccounts(deps),
  }),
  'GET /accounts/{id}': defineRoute({
    tag,
    summary: 'Read an account',
    params: accountIdParams,
    response: { schema: accountSchema, description: 'The account' },
    errors: [400, 404],
    handle: ({ params }, deps) => getAccount(deps, params.id),
  }),
  'PUT /accounts/{id}': defineRoute({
    tag,
    summary: 'Set the username, the best-effort counter or the limit',
    params: accountIdParams,
    body: updateAccountBody,
    response: { schema: accountSchema, description: 'The updated account' },
    errors: [400, 404],
    handle: ({ params, body }, deps) => updateAccount(deps, params.id, body),
  }),
  'DELETE /accounts/{id}': defineRoute({
    tag,
    summary: 'Delete an account and its counter (409 while it has services)',
    params: accountIdParams,
    response: { schema: successSchema, description: 'Deleted' },
    errors: [400, 404, 409],
    handle: ({ params }, deps) => deleteAccount(deps, params.id),
  }),
  'GET /accounts/{id}/services': defineRoute({
    tag,
    summary: "List the account's live services",
    params: accountIdParams,
    response: { schema: z.array(serviceSchema), description: 'The live services' },
    errors: [400, 404],
    handle: ({ params }, deps) => listAccountServices(deps, params.id),
  }),
  'DELETE /accounts/{id}/services': defineRoute({
    tag,
    summary: "Soft-delete all the account's services, in batches",
    params: accountIdParams,
    response: { schema: deletedServicesSchema, description: 'How many services were deleted' },
    errors: [400, 404],
    handle: ({ params }, deps) => deleteAccountServices(deps, params.id),
  }),
};
