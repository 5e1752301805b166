import { z } from 'zod';
import type { ApiRoute } from './route.ts';

type JsonSchema = Record<string, unknown>;

const STATUS_TEXT = { 400: 'Invalid input; `errors` names each field', 404: 'Not found', 409: 'Conflict with the current state' } as const;
const errorSchema = z.object({ message: z.string(), errors: z.array(z.object({ path: z.string(), message: z.string() })).optional() }).meta({ id: 'Error' });

/**
 * An OpenAPI 3.1 document of the routes, generated from the same zod schemas that validate the
 * requests; schemas with a `meta({ id })` become shared components.
 */
export function openApiDocument(routes: Readonly<Record<string, ApiRoute>>, info: { title: string; version: string }) {
  const components: Record<string, JsonSchema> = {};
  const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const { $schema: _, $defs, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    for (const [id, definition] of Object.entries($defs ?? {})) components[id] = retarget(definition);
    return retarget(rest);
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, route] of Object.entries(routes)) {
    const [method = '', path = ''] = key.split(' ');
    const parameters = [...parametersOf(route.params, 'path', toSchema), ...parametersOf(route.query, 'query', toSchema)];
    const responses: Record<string, unknown> = {
      [route.status ?? 200]: {
        description: route.response.description,
        ...(route.response.schema && { content: { [route.contentType ?? 'application/json']: { schema: toSchema(route.response.schema, 'output') } } }),
      },
    };
    for (const status of route.errors) responses[status] = { description: STATUS_TEXT[status], content: { 'application/json': { schema: toSchema(errorSchema, 'output') } } };
    (paths[path] ??= {})[method.toLowerCase()] = {
      operationId: `${method.toLowerCase()}${path.replace(/\{(\w+)\}/g, 'By_$1').replace(/[^A-Za-z0-9]+(.)?/g, (_, c?: string) => (c ? c.toUpperCase() : ''))}`,
      summary: route.summary,
      tags: [route.tag],
      ...(parameters.length > 0 && { parameters }),
      ...(route.body && { requestBody: { required: true, content: { 'application/json': { schema: toSchema(route.body, 'input') } } } }),
      responses,
    };
  }
  return { openapi: '3.1.0', info, paths, components: { schemas: components } };
}

function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query', toSchema: (schema: z.ZodType, io: 'input') => JsonSchema) {
  if (!schema) return [];
  const object = toSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({ name, in: location, required: location === 'path' || (object.required ?? []).includes(name), schema: property }));
}

function retarget(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
}
