/**
 * The API's route keys, as the topology declares them (kept free of handler imports so loading the
 * topology stays cheap); `routes.ts` is typed by them, so the handler serves exactly these.
 */
export const API_ROUTES = [
  'GET /health',
  'GET /openapi.json',
  'GET /docs',
  'POST /accounts',
  'GET /accounts',
  'GET /accounts/{id}',
  'PUT /accounts/{id}',
  'DELETE /accounts/{id}',
  'GET /accounts/{id}/services',
  'DELETE /accounts/{id}/services',
  'POST /services',
  'GET /services',
  'GET /services/{id}',
  'PUT /services/{id}',
  'DELETE /services/{id}',
  'GET /counts',
  'GET /counts/{accountId}',
] as const;

export type ApiRouteKey = (typeof API_ROUTES)[number];
