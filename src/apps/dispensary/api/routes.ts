import type { z } from 'zod';
import { InvalidArgumentsError } from '../../../platform/errors.ts';
import { zodIssues } from '../../../platform/validation.ts';
import { isUlid } from '../dispense/dispense.ts';
import { DispenseNotFoundError } from '../dispense/errors.ts';
import { executeCommand, type CommandInput, type CommandResult } from '../event-log/command-handler.ts';
import { listViews, readView } from '../views/views.ts';
import { json, type HttpResult } from './responses.ts';
import { addDrugsSchema, addPatientSchema, listQuerySchema, uploadUrlSchema } from './schemas.ts';
import { createUploadUrl, type UploadUrlDeps } from './upload-url.ts';
import type { ViewDeps } from '../views/views.ts';

export type ApiDeps = UploadUrlDeps & ViewDeps;

/** What a route sees of the request. */
export interface ApiRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** The parsed JSON body; undefined when there is none. */
  readonly body: unknown;
}

export interface Route {
  readonly method: string;
  /** Path segments; `{id}` captures. */
  readonly path: string;
  run(deps: ApiDeps, request: ApiRequest): Promise<HttpResult>;
}

const commandResponse = (status: number, { state, version }: CommandResult) => json(status, { id: state.id, version, dispense: state });

/** The path id: a ULID (anything else is a 400 naming `id`, decision of this app). */
function dispenseId(request: ApiRequest): string {
  const id = request.params.id ?? '';
  if (!isUlid(id)) throw new InvalidArgumentsError('invalid id', [{ path: 'id', message: 'must be a ULID (26 characters of Crockford base 32)' }]);
  return id;
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgumentsError('a JSON object body is required', [{ path: '', message: 'a JSON object body is required' }]);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentsError('invalid body', zodIssues(parsed.error));
  return parsed.data;
}

const command = (method: string, path: string, toCommand: (request: ApiRequest) => CommandInput): Route => ({
  method,
  path,
  run: async (deps, request) => commandResponse(200, await executeCommand(deps, dispenseId(request), toCommand(request))),
});

/** The routes of decision 5; `{id}` is the dispense id. */
export const routes: readonly Route[] = [
  {
    method: 'POST',
    path: '/dispenses',
    // The body is ignored (the reference's collection sends `{}`).
    run: async (deps) => {
      const id = deps.newId();
      const result = await executeCommand(deps, id, { type: 'StartDispense', data: { id } });
      return { ...commandResponse(201, result), headers: { 'content-type': 'application/json', location: `/dispenses/${id}` } };
    },
  },
  {
    method: 'GET',
    path: '/dispenses',
    run: async (deps, request) => {
      const parsed = listQuerySchema.safeParse(request.query);
      if (!parsed.success) throw new InvalidArgumentsError('invalid query', zodIssues(parsed.error));
      return json(200, await listViews(deps, parsed.data));
    },
  },
  {
    method: 'GET',
    path: '/dispenses/{id}',
    run: async (deps, request) => {
      const id = dispenseId(request);
      const found = await readView(deps, id);
      if (!found) throw new DispenseNotFoundError(id);
      return json(200, { ...found.view, version: found.version });
    },
  },
  command('DELETE', '/dispenses/{id}', () => ({ type: 'CancelDispense', data: {} })),
  command('POST', '/dispenses/{id}/patient', (request) => ({ type: 'AddPatient', data: parse(addPatientSchema, request.body) })),
  command('POST', '/dispenses/{id}/drugs', (request) => ({ type: 'AddDrugs', data: parse(addDrugsSchema, request.body) })),
  command('POST', '/dispenses/{id}/complete', () => ({ type: 'CompleteDispense', data: {} })),
  {
    method: 'POST',
    path: '/dispenses/{id}/prescription/upload-url',
    run: async (deps, request) => json(200, await createUploadUrl(deps, dispenseId(request), parse(uploadUrlSchema, request.body))),
  },
];
