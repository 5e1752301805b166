import type { IssueCollector } from './checks.ts';
import { BUCKET_ACTIONS, DYNAMODB_ACTIONS, type AppDef, type FunctionDef, type ResourceRef } from './types.ts';

/** One kind of declared access: a function field mapping logical resources to exactly the actions it uses. */
interface AccessKind {
  readonly field: 'tableAccess' | 'bucketAccess';
  readonly kind: string;
  readonly declared: (app: AppDef) => Readonly<Record<string, unknown>> | undefined;
  readonly actions: readonly string[];
  /** Environment references that need an access entry for the resource they name. */
  readonly needsAccess: (ref: ResourceRef) => boolean;
  readonly example: string;
}

const TABLE_ACCESS: AccessKind = {
  field: 'tableAccess',
  kind: 'table',
  declared: (app) => app.tables,
  actions: DYNAMODB_ACTIONS,
  needsAccess: (ref) => ref.ref.startsWith('table'),
  example: "'GetItem', 'PutItem'",
};

const BUCKET_ACCESS: AccessKind = {
  field: 'bucketAccess',
  kind: 'bucket',
  declared: (app) => app.buckets,
  actions: BUCKET_ACTIONS,
  needsAccess: (ref) => ref.ref === 'bucketName',
  example: "'GetObject', 'PutObject'",
};

/** `tableAccess` and `bucketAccess`: declared resources, known non-duplicate actions, and an entry for every resource the environment names. */
export function validateAccess(c: IssueCollector, app: AppDef, path: string, fn: FunctionDef): void {
  for (const kind of [TABLE_ACCESS, BUCKET_ACCESS]) validateAccessKind(c, app, path, fn, kind);
}

function validateAccessKind(c: IssueCollector, app: AppDef, path: string, fn: FunctionDef, kind: AccessKind): void {
  const access: Readonly<Record<string, unknown>> = fn[kind.field] ?? {};
  const declared = kind.declared(app);
  for (const [resource, actions] of Object.entries(access)) {
    const at = `${path}.${kind.field}.${resource}`;
    c.ref(at, kind.kind, resource, declared);
    if (!Array.isArray(actions) || actions.length === 0) {
      c.add(at, `needs at least one action (${kind.actions.join(', ')})`);
      continue;
    }
    const seen = new Set<string>();
    for (const action of actions as readonly string[]) {
      if (!kind.actions.includes(action)) c.add(at, `unknown action "${action}" (known: ${kind.actions.join(', ')})`);
      else if (seen.has(action)) c.add(at, `duplicate action "${action}"`);
      seen.add(action);
    }
  }
  for (const [key, value] of Object.entries(fn.environment ?? {})) {
    if (typeof value !== 'object' || !kind.needsAccess(value) || !declared || !Object.hasOwn(declared, value.name)) continue;
    if (!Object.hasOwn(access, value.name)) {
      c.add(
        `${path}.environment.${key}`,
        `references ${kind.kind} "${value.name}" but the function declares no access to it: add \`${kind.field}: { ${value.name}: [...] }\` listing exactly the actions it uses (e.g. ${kind.example})`,
      );
    }
  }
}
