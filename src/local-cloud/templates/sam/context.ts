import { TemplateError } from '../errors.ts';
import type { TemplateWarning, UnsupportedFeature } from '../types.ts';

/** A resource in CloudFormation's template form (what the transform reads and writes). */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Condition?: string;
  Metadata?: Record<string, unknown>;
  [attribute: string]: unknown;
}

/** The state of one SAM transform: resources emitted so far and what was noticed on the way. */
export class SamContext {
  /** Output resources, in emission order. */
  readonly resources = new Map<string, CfnResource>();
  /** Generated logical id → the `AWS::Serverless::*` resource it comes from. */
  readonly generatedFrom = new Map<string, string>();
  readonly warnings: TemplateWarning[] = [];
  readonly unsupported: UnsupportedFeature[] = [];
  /** Function id → the alias generated for its `AutoPublishAlias` (what `!Ref Function.Alias` means). */
  readonly aliases = new Map<string, string>();

  constructor(
    readonly file: string,
    /** Absolute directory of the template: `CodeUri` and `DefinitionUri` are relative to it. */
    readonly dir: string,
    /** Every resource of the input template, by logical id (plain ones are shared and may be amended, e.g. an S3 bucket's notifications). */
    readonly input: ReadonlyMap<string, CfnResource>,
  ) {}

  /** Emits a resource; a generated id that collides with another resource is an error, as in SAM. */
  add(logicalId: string, resource: CfnResource, from?: string): void {
    if (this.resources.has(logicalId) || (from !== undefined && this.input.has(logicalId))) {
      throw new TemplateError(`the SAM transform generates ${logicalId}, which the template already uses`, { file: this.file, logicalId: from ?? logicalId });
    }
    // Stored as is (an S3 event may still amend a plain bucket); `dropUndefined` runs on the output.
    this.resources.set(logicalId, resource);
    if (from !== undefined) this.generatedFrom.set(logicalId, from);
  }

  warn(logicalId: string, type: string, message: string, property?: string): void {
    this.warnings.push({ file: this.file, logicalId, type, property, message });
  }

  fail(logicalId: string, detail: string, property?: string): TemplateError {
    return new TemplateError(detail, { file: this.file, logicalId, property });
  }
}

/** Removes keys whose value is undefined (properties the SAM resource did not set). */
export function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) continue;
    out[key] = key === 'Properties' && child !== null && typeof child === 'object' ? dropUndefined(child as Record<string, unknown>) : child;
  }
  return out as T;
}

/** `{ "Ref": id }` */
export const ref = (logicalId: string) => ({ Ref: logicalId });
/** `{ "Fn::GetAtt": [id, attribute] }` */
export const getAtt = (logicalId: string, attribute: string) => ({ 'Fn::GetAtt': [logicalId, attribute] });

/** The resource attributes SAM copies onto what it generates (`get_passthrough_resource_attributes`). */
export function passthrough(resource: CfnResource): Partial<CfnResource> {
  return { Condition: resource.Condition, DeletionPolicy: resource.DeletionPolicy, UpdateReplacePolicy: resource.UpdateReplacePolicy };
}

/** A `AWS::Lambda::Permission` like SAM's `_construct_permission`. */
export function permission(functionId: string, principal: string, extra: Record<string, unknown>, attributes: Partial<CfnResource>): CfnResource {
  return {
    Type: 'AWS::Lambda::Permission',
    Properties: { Action: 'lambda:InvokeFunction', FunctionName: ref(functionId), Principal: principal, ...extra },
    ...attributes,
  };
}
