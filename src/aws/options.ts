import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AwsSynthError } from './errors.ts';

/** How function code is packaged: real esbuild bundles, or an inline stand-in (fast tests only). */
export type CodeMode = 'esbuild' | 'inline';

export interface SynthOptions {
  /** First part of every physical name. Default `eventloom` (context `prefix`). */
  readonly prefix?: string;
  /** Deployment stage, second part of every name. Default `dev` (context `stage`). */
  readonly stage?: string;
  /**
   * Deploy `devOnly` HTTP APIs (the ecommerce testing/chaos API), in any stage, behind IAM
   * authorization. Default false: no stage, `dev` included, deploys them (context `enableTestingApi`).
   */
  readonly enableTestingApi?: boolean;
  /** Default `esbuild`; `inline` skips bundling and deploys a stub (for template tests). */
  readonly code?: CodeMode;
  /** Directory handler paths are relative to, holding package-lock.json. Default the repository root. */
  readonly projectRoot?: string;
}

export type ResolvedOptions = Required<SynthOptions>;

const NAME_PART = /^[a-z][a-z0-9-]{0,31}$/;
export const DEFAULT_PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export function resolveOptions(options: SynthOptions = {}): ResolvedOptions {
  const resolved: ResolvedOptions = {
    prefix: options.prefix ?? 'eventloom',
    stage: options.stage ?? 'dev',
    enableTestingApi: options.enableTestingApi ?? false,
    code: options.code ?? 'esbuild',
    projectRoot: options.projectRoot ?? DEFAULT_PROJECT_ROOT,
  };
  for (const key of ['prefix', 'stage'] as const) {
    if (!NAME_PART.test(resolved[key])) {
      throw new AwsSynthError(`${key} "${resolved[key]}" is invalid: use 1-32 lowercase letters, digits or "-", starting with a letter (e.g. --${key} ${key === 'stage' ? 'dev' : 'eventloom'}).`);
    }
  }
  return resolved;
}

/** Reads the options from CDK context (`-c stage=prod -c prefix=acme -c enableTestingApi=true`). */
export function optionsFromContext(get: (key: string) => unknown): ResolvedOptions {
  const text = (key: string) => {
    const value = get(key);
    return value === undefined || value === null ? undefined : String(value);
  };
  return resolveOptions({
    prefix: text('prefix'),
    stage: text('stage'),
    enableTestingApi: text('enableTestingApi') === 'true',
  });
}

/**
 * Whether an HTTP API marked `devOnly` is synthesized: only when asked for (`--enable-testing-api`),
 * whatever the stage. `npm run deploy` defaults to `dev`, and a chaos API that writes raw events
 * into the event store must not go public by default.
 */
export const includesDevOnly = (options: ResolvedOptions): boolean => options.enableTestingApi;
