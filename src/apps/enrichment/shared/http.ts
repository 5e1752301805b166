import type { HttpOptions } from '../../../platform/http.ts';

const BODY_MESSAGES = { missing: 'a JSON object body is required', 'not-json': 'is not valid JSON', 'not-object': 'must be a JSON object' } as const;

/**
 * The app's HTTP answers (spec `enrichment.md`) on the platform's edge: 400 `{message: "Validation
 * failed", issues: [{field, message}]}` (a problem with the whole body names the field `body`), 404
 * `{message: "Request not found"}`, 500 `{message: "An internal server error occurred."}`; every
 * answer carries `Access-Control-Allow-Origin: *`.
 *
 * @example export const handler = httpHandler({ params, handle: ({ params }) => find(params.id) }, enrichmentHttp);
 */
export const enrichmentHttp: HttpOptions = {
  errors: {
    invalid: (issues) => ({ message: 'Validation failed', issues: issues.map(({ path, message }) => ({ field: path || 'body', message })) }),
    bodyIssue: (problem) => ({ path: '', message: BODY_MESSAGES[problem] }),
    notFound: () => ({ message: 'Request not found' }),
    internal: () => ({ message: 'An internal server error occurred.' }),
  },
  headers: { 'access-control-allow-origin': '*' },
};
