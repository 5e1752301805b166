import { z } from 'zod';
import { routeFor, type Route } from '../../../platform/http.ts';
import { isUlid } from '../dispense/dispense.ts';
import { DispenseNotFoundError } from '../dispense/errors.ts';
import { executeCommand, type CommandInput, type CommandResult } from '../event-log/command-handler.ts';
import type { ApiRouteKey } from '../topology.ts';
import { listViews, readView, type ViewDeps } from '../views/views.ts';
import { addDrugsSchema, addPatientSchema, listQuerySchema, uploadUrlSchema } from './schemas.ts';
import { createUploadUrl, type UploadUrlDeps } from './upload-url.ts';

export type ApiDeps = UploadUrlDeps & ViewDeps;

const defineRoute = routeFor<ApiDeps>();

/** The path id: a ULID (anything else is a 400 naming `id`, decision of this app). */
const idParams = z.object({ id: z.string().refine(isUlid, { message: 'must be a ULID (26 characters of Crockford base 32)' }) });

const commandBody = ({ state, version }: CommandResult) => ({ id: state.id, version, dispense: state });

/** A command on the dispense of the path: 200 with its new state and version. */
const command = <B extends z.ZodType | undefined = undefined>(body: B, toCommand: (body: B extends z.ZodType ? z.output<B> : undefined) => CommandInput): Route<ApiDeps> =>
  defineRoute({ params: idParams, body, handle: async ({ params, body: input }, deps) => commandBody(await executeCommand(deps, params.id, toCommand(input as never))) });

/** The routes of decision 5, by the route keys the topology declares; `{id}` is the dispense id. */
export const routes: Readonly<Record<ApiRouteKey, Route<ApiDeps>>> = {
  // The body is ignored (the reference's collection sends `{}`).
  'POST /dispenses': defineRoute({
    status: 201,
    handle: async (_, deps) => {
      const id = deps.newId();
      return commandBody(await executeCommand(deps, id, { type: 'StartDispense', data: { id } }));
    },
    headers: ({ id }) => ({ location: `/dispenses/${id}` }),
  }),
  'GET /dispenses': defineRoute({ query: listQuerySchema, handle: ({ query }, deps) => listViews(deps, query) }),
  'GET /dispenses/{id}': defineRoute({
    params: idParams,
    handle: async ({ params: { id } }, deps) => {
      const found = await readView(deps, id);
      if (!found) throw new DispenseNotFoundError(id);
      return { ...found.view, version: found.version };
    },
  }),
  'DELETE /dispenses/{id}': command(undefined, () => ({ type: 'CancelDispense', data: {} })),
  'POST /dispenses/{id}/patient': command(addPatientSchema, (data) => ({ type: 'AddPatient', data })),
  'POST /dispenses/{id}/drugs': command(addDrugsSchema, (data) => ({ type: 'AddDrugs', data })),
  'POST /dispenses/{id}/complete': command(undefined, () => ({ type: 'CompleteDispense', data: {} })),
  'POST /dispenses/{id}/prescription/upload-url': defineRoute({
    params: idParams,
    body: uploadUrlSchema,
    handle: ({ params, body }, deps) => createUploadUrl(deps, params.id, body),
  }),
};
