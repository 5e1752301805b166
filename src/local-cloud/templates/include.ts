import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TemplateError } from './errors.ts';
import { intrinsicName, isPlainObject } from './intrinsics.ts';
import type { TemplateWarning } from './types.ts';
import { parseTemplate } from './yaml.ts';

/**
 * Applies `Fn::Transform: { Name: AWS::Include, Parameters: { Location: <file> } }` for a local
 * `Location` (relative to the template, as `sam package` reads it before uploading), replacing the
 * transform with the file's content. CloudFormation runs these snippet transforms before the
 * template's own (SAM), and so does the loader. An S3 location or another macro stays, and fails
 * only if a deployed resource needs that value.
 */
export function applyIncludes(template: Record<string, unknown>, file: string, dir: string, warnings: TemplateWarning[]): Record<string, unknown> {
  return include(template, file, dir, warnings, []) as Record<string, unknown>;
}

function include(value: unknown, file: string, dir: string, warnings: TemplateWarning[], chain: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => include(item, file, dir, warnings, chain));
  if (!isPlainObject(value)) return value;
  const location = intrinsicName(value) === 'Fn::Transform' ? localInclude(value['Fn::Transform']) : undefined;
  if (location === undefined) return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, include(child, file, dir, warnings, chain)]));
  const target = resolve(dir, location);
  if (chain.includes(target)) throw new TemplateError(`AWS::Include of ${location} includes itself`, { file });
  let text: string;
  try {
    text = readFileSync(target, 'utf8');
  } catch (error) {
    throw new TemplateError(`AWS::Include cannot read ${location}: ${(error as Error).message}`, { file, cause: error });
  }
  return include(parseTemplate(text, target, warnings), target, dir, warnings, [...chain, target]);
}

function localInclude(transform: unknown): string | undefined {
  if (!isPlainObject(transform) || transform.Name !== 'AWS::Include' || !isPlainObject(transform.Parameters)) return undefined;
  const location = transform.Parameters.Location;
  return typeof location === 'string' && !location.startsWith('s3://') && !location.startsWith('https://') ? location : undefined;
}
