import { isPlainObject } from './intrinsics.ts';
import { referencedNames } from './refs.ts';
import { AWS_ONLY, EMULATED, NO_OP } from './support-table.ts';
import type { LoadedStack, TemplateWarning } from './types.ts';

/** How the local cloud treats a resource type. */
export type Support = 'emulated' | 'no-op' | 'unsupported';

export function supportOf(type: string): Support {
  if (type in EMULATED) return 'emulated';
  return NO_OP.some((entry) => (entry.endsWith('*') ? type.startsWith(entry.slice(0, -1)) : entry === type)) ? 'no-op' : 'unsupported';
}

/** The resource types the local cloud emulates, with the properties that matter. */
export const EMULATED_TYPES: Readonly<Record<string, readonly string[]>> = EMULATED;
/** The types accepted silently as no-ops (`AWS::IAM::*` means every IAM type). */
export const NO_OP_TYPES: readonly string[] = NO_OP;

export interface UnsupportedResource {
  readonly logicalId: string;
  readonly type: string;
  readonly file: string;
  readonly reason: string;
}

/**
 * Everything in a stack the local cloud cannot run: resources of a type it neither emulates nor
 * ignores, and constructs inside resources the loader could not translate (a SAM `Api` event …).
 */
export function unsupportedResources(stack: LoadedStack): UnsupportedResource[] {
  const out: UnsupportedResource[] = [];
  const apis = new Set<string>();
  for (const resource of stack.resources) {
    const unsupported = (reason: string) => out.push({ logicalId: resource.logicalId, type: resource.type, file: stack.file, reason });
    const apiId = isPlainObject(resource.properties.ApiId) ? resource.properties.ApiId.Ref : undefined;
    if (supportOf(resource.type) === 'unsupported') unsupported(`${resource.type} is not emulated locally`);
    else if (resource.type === 'AWS::ApiGatewayV2::Api' && resource.properties.ProtocolType === 'WEBSOCKET') {
      apis.add(resource.logicalId);
      unsupported('WebSocket APIs are not emulated locally (HTTP APIs are)');
    } else if (resource.type.startsWith('AWS::ApiGatewayV2::') && typeof apiId === 'string' && apis.has(apiId)) unsupported(`it belongs to ${apiId}, a WebSocket API`);
  }
  return [...out, ...stack.unsupportedFeatures.map((feature) => ({ ...feature, file: stack.file }))];
}

/** A warning for every property of an emulated resource that the local cloud does not emulate. */
export function propertyWarnings(stack: LoadedStack): TemplateWarning[] {
  const warnings: TemplateWarning[] = [];
  for (const resource of stack.resources) {
    const understood = EMULATED[resource.type];
    if (understood === undefined) continue;
    const quiet = new Set([...(AWS_ONLY['*'] ?? []), ...(AWS_ONLY[resource.type] ?? [])]);
    const warn = (property: string) =>
      warnings.push({ file: stack.file, logicalId: resource.logicalId, type: resource.type, property, message: `${resource.type} property ${property} is not emulated locally; it has no effect` });
    for (const [key, value] of Object.entries(resource.properties)) {
      if (quiet.has(key)) continue;
      if (!understood.includes(key)) {
        warn(key);
        continue;
      }
      const inner = understood.filter((entry) => entry.startsWith(`${key}.`)).map((entry) => entry.slice(key.length + 1));
      if (inner.length > 0 && isPlainObject(value)) Object.keys(value).filter((child) => !inner.includes(child)).forEach((child) => warn(`${key}.${child}`));
    }
  }
  return warnings;
}

export interface FunctionProblem {
  readonly logicalId: string;
  readonly file: string;
  readonly problem: string;
}

/**
 * Functions that cannot run here (not Node.js, code or handler missing, code not local), except
 * helpers that only serve a custom resource (CDK's bucket-notification, auto-delete and log-retention
 * providers): those resources are handled by the local cloud itself and the helper is never invoked.
 */
export function functionProblems(stack: LoadedStack): FunctionProblem[] {
  const helpers = customResourceHelpers(stack);
  return stack.functions
    .filter((fn) => fn.problem !== undefined && !helpers.has(fn.logicalId))
    .map((fn) => ({ logicalId: fn.logicalId, file: stack.file, problem: fn.problem! }));
}

/** Logical ids of the functions that serve a custom resource (its `ServiceToken`): never run locally. */
export function customResourceHelpers(stack: LoadedStack): Set<string> {
  const helpers = new Set<string>();
  for (const resource of stack.resources) {
    if (resource.type.startsWith('Custom::') || resource.type === 'AWS::CloudFormation::CustomResource') referencedNames(resource.properties.ServiceToken, helpers);
  }
  return helpers;
}

/** The three checks together, for a start-up report. */
export function validateStack(stack: LoadedStack): { unsupported: UnsupportedResource[]; warnings: TemplateWarning[]; functionProblems: FunctionProblem[] } {
  return { unsupported: unsupportedResources(stack), warnings: [...stack.warnings, ...propertyWarnings(stack)], functionProblems: functionProblems(stack) };
}
