import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi.ts';
import { routes } from './routes.ts';

describe('openApiDocument', () => {
  const document = openApiDocument(routes, { title: 't', version: '1' });

  it('documents every route once, with its success and error statuses', () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations.sort()).toEqual(Object.keys(routes).sort());
    expect(Object.keys(document.paths['/services']?.post as object)).toContain('responses');
    expect((document.paths['/services']?.post as { responses: object }).responses).toHaveProperty('201');
    expect((document.paths['/services']?.post as { responses: object }).responses).toHaveProperty('409');
  });

  it('takes the request schemas from the zod schemas that validate them', () => {
    const body = (document.paths['/accounts']?.post as { requestBody: { content: { 'application/json': { schema: unknown } } } }).requestBody.content['application/json'].schema;
    expect(body).toMatchObject({ type: 'object', required: ['username'], properties: { username: { type: 'string', minLength: 1, maxLength: 50 } } });
    const parameters = (document.paths['/services/{id}']?.get as { parameters: unknown[] }).parameters;
    expect(parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
      expect.objectContaining({ name: 'ownerAccountId', in: 'query', required: true }),
    ]);
  });

  it('shares the entity schemas as components and leaves no $defs reference behind', () => {
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Account', 'Service', 'Count', 'Error']));
    expect(JSON.stringify(document)).not.toContain('#/$defs/');
  });
});
