/**
 * The shapes the template loader hands to the integrator. Values inside `properties`, `value` and
 * friends are template values: JSON with intrinsics (`Ref`, `Fn::*`) still in place, resolved on
 * demand through a `StackResolver` against a `ResourceLookup`.
 */

/** What the deployed cloud knows about a resource; the integrator implements it. */
export interface ResourceLookup {
  /** What `Ref` returns for a resource of this stack (queue URL, table name, function name, API id …). */
  ref(logicalId: string): string;
  /** What `Fn::GetAtt` returns (`Arn`, `QueueName`, `StreamArn`, `ApiEndpoint`, `FunctionUrl` …). */
  getAtt(logicalId: string, attribute: string): string;
  /** The value another loaded stack exported under `exportName` (`Fn::ImportValue`). */
  importValue?(exportName: string): string;
}

/** A resource after the SAM transform, before resolution. */
export interface TemplateResource {
  readonly logicalId: string;
  readonly type: string;
  /** Unresolved; resolve with `stack.resolver.resolveProperties(logicalId, lookup)`. */
  readonly properties: Readonly<Record<string, unknown>>;
  /** The template condition that kept this resource (true by construction: false ones are dropped). */
  readonly condition?: string;
  readonly dependsOn: readonly string[];
  readonly metadata: Readonly<Record<string, unknown>>;
  /** For a resource the SAM transform generated: the `AWS::Serverless::*` resource it comes from. */
  readonly generatedFrom?: string;
}

export interface TemplateOutput {
  readonly key: string;
  /** Unresolved. */
  readonly value: unknown;
  readonly description?: string;
  /** Unresolved `Export.Name`, when the output is exported. */
  readonly exportName?: unknown;
  readonly condition?: string;
}

export interface ResolvedOutput {
  readonly key: string;
  readonly value: string;
  readonly description?: string;
  readonly exportName?: string;
}

export interface ParameterValue {
  readonly key: string;
  readonly type: string;
  /** As CloudFormation reports it (`DescribeStacks`): a list parameter joined by commas. */
  readonly value: string;
  /** True when the template's `Default` was used, false for an override. */
  readonly fromDefault: boolean;
}

/** Where a function's code is on this machine, and how the runtime finds the handler in it. */
export interface FunctionCode {
  readonly logicalId: string;
  readonly runtime: string | undefined;
  /** As written, e.g. `app.handler` or `src/handlers/app.main`. */
  readonly handler: string | undefined;
  /** `directory` (SAM CodeUri, CDK asset folder), `zip` (extracted CDK asset), `esbuild` (SAM build), `inline` (`ZipFile`). */
  readonly source: 'directory' | 'zip' | 'esbuild' | 'inline';
  /** Absolute directory holding the code: the function's working root. */
  readonly dir?: string;
  /** Absolute path of the handler's module (Lambda tries no extension, `.js`, `.mjs`, `.cjs`, in that order). */
  readonly module?: string;
  /** The export Lambda calls; a dotted path (`handlers.main`) means nested properties, as the Node runtime reads it. */
  readonly exportName?: string;
  /** Why the function cannot run here (runtime not `nodejs*`, code missing, code not local); absent when it can. */
  readonly problem?: string;
  /**
   * Inline code whose `ZipFile` refers to resources: not written yet. Call
   * `writeInlineCode(stack, logicalId, lookup)` once those resources exist; `module` says where it will be.
   */
  readonly pendingInline?: boolean;
}

/** Something the local cloud will not emulate as AWS would; shown, never silent. */
export interface TemplateWarning {
  readonly file: string;
  readonly logicalId?: string;
  readonly type?: string;
  readonly property?: string;
  readonly message: string;
}

/** A construct inside a resource that the loader could not translate (e.g. a SAM `Api` event). */
export interface UnsupportedFeature {
  readonly logicalId: string;
  /** What it is, e.g. `AWS::Serverless::Function Api event`. */
  readonly type: string;
  readonly reason: string;
}

/** Where a value sits, for error messages. */
export interface ValueLocation {
  readonly logicalId?: string;
  /** Dotted path, e.g. `Properties.Environment.Variables.TABLE` or `Outputs.QueueUrl.Value`. */
  readonly property?: string;
}

/** Resolves a stack's template values once the resources they name exist. */
export interface StackResolver {
  /** Resolves any template value (intrinsics anywhere inside); `AWS::NoValue` removes keys and elements. */
  resolve(value: unknown, lookup: ResourceLookup, at?: ValueLocation): unknown;
  /** A resource's properties, resolved. */
  resolveProperties(logicalId: string, lookup: ResourceLookup): Record<string, unknown>;
  /** Every output whose condition holds, resolved to strings (a list is joined by commas). */
  resolveOutputs(lookup: ResourceLookup): ResolvedOutput[];
  /** The value of a template condition. */
  condition(name: string): boolean;
}

/** One stack of a template or a cloud assembly, ready for the integrator. */
export interface LoadedStack {
  /** The CloudFormation stack name. */
  readonly name: string;
  /** CDK's hierarchical id (`Stage/Stack`); the stack name for a template. */
  readonly displayName: string;
  /** Absolute path of the template file. */
  readonly file: string;
  /** Absolute directory relative paths are read from (the template's folder; the assembly's folder). */
  readonly dir: string;
  readonly region: string;
  /** `arn:aws:cloudformation:<region>:000000000000:stack/<name>/<uuid>`, the uuid stable for the name. */
  readonly stackId: string;
  readonly description?: string;
  /** Stacks of the same assembly this one depends on (CDK artifact dependencies), by name. */
  readonly dependsOnStacks: readonly string[];
  readonly parameters: readonly ParameterValue[];
  readonly conditions: Readonly<Record<string, boolean>>;
  /** Post-transform resources whose condition holds, in template order. */
  readonly resources: readonly TemplateResource[];
  /** Logical ids dropped because their condition is false. */
  readonly droppedResources: readonly string[];
  readonly outputs: readonly TemplateOutput[];
  /** One entry per `AWS::Lambda::Function`. */
  readonly functions: readonly FunctionCode[];
  /** Logical ids in an order where every resource comes after those it references or depends on. */
  readonly order: readonly string[];
  readonly warnings: readonly TemplateWarning[];
  readonly unsupportedFeatures: readonly UnsupportedFeature[];
  readonly resolver: StackResolver;
}
