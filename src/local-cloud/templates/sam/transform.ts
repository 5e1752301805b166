import type { CfnResource } from './context.ts';
import { dropUndefined, SamContext } from './context.ts';
import { samFunction } from './function.ts';
import { readGlobals } from './globals.ts';
import { httpApiEventApiId } from './http-api-event.ts';
import type { HttpApiState } from './http-api.ts';
import { emitHttpApi, IMPLICIT_HTTP_API, implicitHttpApi, prepareHttpApi, stageLogicalId } from './http-api.ts';
import { rewriteReferableProperties } from './referable.ts';
import { IMPLICIT_REST_API, isSimpleRestEvent, prepareRestApis, restApiId } from './rest-api.ts';
import { simpleTable } from './simple-table.ts';
import { TemplateError } from '../errors.ts';
import { isPlainObject } from '../intrinsics.ts';
import type { TemplateWarning, UnsupportedFeature } from '../types.ts';

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

export interface SamTransformResult {
  /** The template without `Transform` and `Globals`, its `Resources` plain CloudFormation. */
  readonly template: Record<string, unknown>;
  /** Generated logical id → the `AWS::Serverless::*` resource it comes from. */
  readonly generatedFrom: ReadonlyMap<string, string>;
  readonly warnings: readonly TemplateWarning[];
  readonly unsupported: readonly UnsupportedFeature[];
}

/** True when the template declares the SAM transform (alone or in a list). */
export function usesSam(template: Record<string, unknown>): boolean {
  return [template.Transform].flat().includes(SAM_TRANSFORM);
}

/**
 * Runs the SAM transform (`Transform: AWS::Serverless-2016-10-31`): `Globals` merged, each
 * `AWS::Serverless::Function`, `HttpApi` and `SimpleTable` turned into the CloudFormation resources
 * AWS's translator generates, under the same logical ids (`<Fn>Role`, `<Fn><Event>`,
 * `<Fn><Event>Permission`, `ServerlessHttpApi`, `ServerlessHttpApiApiGatewayDefaultStage` …), so
 * outputs and references written against AWS work unchanged. Other `AWS::Serverless::*` types stay
 * as they are (the validation reports them); `AWS::Serverless::Connector` only grants IAM and is dropped.
 *
 * @param dir the template's directory: `CodeUri` and `DefinitionUri` are relative to it.
 */
export function transformSam(template: Record<string, unknown>, file: string, dir: string): SamTransformResult {
  const declared = template.Resources;
  if (!isPlainObject(declared)) throw new TemplateError('Resources must be a mapping', { file });
  const input = new Map<string, CfnResource>();
  for (const [id, resource] of Object.entries(structuredClone(declared))) {
    if (!isPlainObject(resource) || typeof resource.Type !== 'string') throw new TemplateError('a resource needs a Type', { file, logicalId: id });
    const { Connectors: _connectors, ...rest } = resource as CfnResource;
    input.set(id, rest as CfnResource);
  }
  const ctx = new SamContext(file, dir, input);
  const globals = readGlobals(template.Globals, file);
  const apis = prepareApis(input, globals, ctx);
  for (const [id, resource] of input) {
    switch (resource.Type) {
      case 'AWS::Serverless::Function':
        samFunction(id, resource, globals, ctx, apis);
        break;
      case 'AWS::Serverless::SimpleTable':
        simpleTable(id, resource, globals, ctx);
        break;
      case 'AWS::Serverless::HttpApi':
      case 'AWS::Serverless::Connector':
        break;
      case 'AWS::Serverless::Api':
        if (!apis.has(id)) ctx.add(id, resource);
        break;
      default:
        ctx.add(id, resource);
    }
  }
  for (const api of apis.values()) emitHttpApi(api, ctx);
  const { Transform: _transform, Globals: _globals, ...rest } = template;
  const stages = new Map([...apis.values()].map((api) => [api.logicalId, stageLogicalId(api.logicalId, api.properties.StageName ?? '$default')]));
  const out = rewriteReferableProperties({ ...rest, Resources: Object.fromEntries([...ctx.resources].map(([id, resource]) => [id, dropUndefined(resource)])) }, { stages, input, emitted: new Set(ctx.resources.keys()), aliases: ctx.aliases });
  return { template: out, generatedFrom: ctx.generatedFrom, warnings: ctx.warnings, unsupported: ctx.unsupported };
}

/** The HTTP APIs functions may attach routes to, the implicit one added when an event needs it. */
function prepareApis(input: Map<string, CfnResource>, globals: ReturnType<typeof readGlobals>, ctx: SamContext): Map<string, HttpApiState> {
  const apis = new Map<string, HttpApiState>();
  const events = [...input.values()]
    .filter((resource) => resource.Type === 'AWS::Serverless::Function' && isPlainObject(resource.Properties?.Events))
    .flatMap((resource) => Object.values(resource.Properties!.Events as Record<string, unknown>))
    .map((event) => (isPlainObject(event) ? { type: event.Type, properties: isPlainObject(event.Properties) ? event.Properties : {} } : undefined))
    .filter((event) => event !== undefined);
  if (events.some((event) => event.type === 'HttpApi' && httpApiEventApiId(event.properties) === IMPLICIT_HTTP_API) && !input.has(IMPLICIT_HTTP_API)) {
    input.set(IMPLICIT_HTTP_API, implicitHttpApi());
  }
  const implicitRest = events.some((event) => event.type === 'Api' && isSimpleRestEvent(event.properties) && restApiId(event.properties) === IMPLICIT_REST_API);
  for (const state of prepareRestApis(input, implicitRest, globals, ctx)) apis.set(state.logicalId, state);
  for (const [id, resource] of input) {
    if (resource.Type === 'AWS::Serverless::HttpApi') apis.set(id, prepareHttpApi(id, resource, globals, ctx));
  }
  return apis;
}
