import { existsSync } from 'node:fs';
import { TemplateError } from '../../templates/errors.ts';
import { customResourceHelpers } from '../../templates/index.ts';
import type { FunctionCode, LoadedStack, TemplateResource } from '../../templates/types.ts';
import type { FunctionPlan } from '../plan.ts';
import type { TemplateLookup } from './lookup.ts';
import { readProperties } from './values.ts';

/** Lambda's module lookup: the path as written, then with each extension the Node.js runtime tries. */
const MODULE_EXTENSIONS = ['', '.js', '.mjs', '.cjs'];

export function templateFunctions(
  stack: LoadedStack,
  lookup: TemplateLookup,
  baseEnvironment: Readonly<Record<string, string>>,
  rewrite: (value: string) => string,
): FunctionPlan[] {
  const code = new Map(stack.functions.map((fn) => [fn.logicalId, fn]));
  // A custom resource's helper (CDK's bucket-notification handler …) never runs: the local cloud understands the resource itself.
  const helpers = customResourceHelpers(stack);
  return stack.resources
    .filter((resource) => resource.type === 'AWS::Lambda::Function' && !helpers.has(resource.logicalId))
    .map((resource) => functionPlan(stack, lookup, resource, code.get(resource.logicalId), baseEnvironment, rewrite));
}

function functionPlan(
  stack: LoadedStack,
  lookup: TemplateLookup,
  resource: TemplateResource,
  code: FunctionCode | undefined,
  baseEnvironment: Readonly<Record<string, string>>,
  rewrite: (value: string) => string,
): FunctionPlan {
  const { logicalId } = resource;
  const p = readProperties(stack.resolver.resolveProperties(logicalId, lookup), { file: stack.file, logicalId });
  const name = lookup.name(logicalId);
  const fail = (detail: string) => new TemplateError(`function ${name} cannot run: ${detail}`, { file: stack.file, logicalId });
  if (!code || code.problem) throw fail(code?.problem ?? 'no code was found for it');
  if (!code.module || !code.exportName) throw fail('its Handler names no module and export');
  const modulePath = MODULE_EXTENSIONS.map((extension) => `${code.module}${extension}`).find((path) => existsSync(path));
  if (!modulePath) throw fail(`its handler module ${code.module}(.js|.mjs|.cjs) does not exist`);
  const variables = (p.object('Environment')?.Variables ?? {}) as Record<string, unknown>;
  const deadLetter = p.object('DeadLetterConfig')?.TargetArn;
  return {
    name,
    modulePath,
    exportName: code.exportName,
    handler: code.handler ?? '',
    runtime: code.runtime ?? 'nodejs20.x',
    environment: { ...baseEnvironment, ...Object.fromEntries(Object.entries(variables).map(([key, value]) => [key, rewrite(String(value))])) },
    timeoutSeconds: p.number('Timeout') ?? 3,
    memoryMb: p.number('MemorySize') ?? 128,
    ...(p.number('ReservedConcurrentExecutions') !== undefined && { reservedConcurrency: Math.max(1, p.number('ReservedConcurrentExecutions')!) }),
    ...(typeof deadLetter === 'string' && deadLetter !== '' && { deadLetterArn: deadLetter }),
  };
}
