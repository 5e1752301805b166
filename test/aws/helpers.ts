import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { expect } from 'vitest';
import type { AppDef, ResourceRef } from '../../src/platform/topology/types.ts';
import type { SynthContext } from '../../src/aws/context.ts';
import { buildCdkApp, type SynthesizeOptions } from '../../src/aws/synth.ts';
import type { TopologyStack } from '../../src/aws/stack.ts';

const RESOURCE_TYPES = {
  table: ['AWS::DynamoDB::Table', 'TableName'],
  queue: ['AWS::SQS::Queue', 'QueueName'],
  bus: ['AWS::Events::EventBus', 'Name'],
  kinesisStream: ['AWS::Kinesis::Stream', 'Name'],
} as const;

const isRef = (value: unknown): value is ResourceRef =>
  typeof value === 'object' && value !== null && typeof (value as ResourceRef).ref === 'string' && typeof (value as ResourceRef).name === 'string' && Object.keys(value).length === 2;

/** A copy of a declaration value with each ResourceRef replaced (written here, independent of src). */
function substitute(value: unknown, replace: (ref: ResourceRef) => unknown): unknown {
  if (isRef(value)) return replace(value);
  if (Array.isArray(value)) return value.map((item) => substitute(item, replace));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, replace)]));
  return value;
}

export const ENV = { account: '000000000000', region: 'us-east-1' };

export type Props = Record<string, unknown>;
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Props;
  readonly DependsOn?: string[];
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

/**
 * A template string value as text: `{Ref: X}` becomes `${X}`, `Fn::Join` is joined, so a deploy-time
 * name (`name-${AWS::AccountId}-${AWS::Region}`) compares as one string however CDK nests its joins.
 */
export function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const node = value as { Ref?: string; 'Fn::Join'?: [string, unknown[]] };
  if (typeof node?.Ref === 'string') return `\${${node.Ref}}`;
  if (node?.['Fn::Join']) return node['Fn::Join'][1].map(render).join(node['Fn::Join'][0]);
  return `<${JSON.stringify(value)}>`;
}
export interface TemplateJson {
  readonly Resources: Record<string, CfnResource>;
  readonly Outputs?: Record<string, { Value: unknown; Description?: string }>;
}

/** One synthesized app: its stack, template and helpers to express expectations as template values. */
export class Synthesized {
  readonly template: Template;
  readonly json: TemplateJson;
  readonly ctx: SynthContext;

  constructor(readonly stack: TopologyStack) {
    this.template = Template.fromStack(stack);
    this.json = this.template.toJSON() as TemplateJson;
    this.ctx = stack.resources;
  }

  /** Resources of a type, as [logicalId, resource]. */
  ofType(type: string): [string, CfnResource][] {
    return Object.entries(this.json.Resources).filter(([, resource]) => resource.Type === type);
  }

  /** The one resource of `type` whose `property` equals `value` (a physical name). */
  named(type: string, property: string, value: string): [string, Props] {
    const found = this.ofType(type).filter(([, resource]) => resource.Properties?.[property] === value);
    if (found.length !== 1) throw new Error(`expected one ${type} with ${property} = ${value}, found ${found.length}`);
    return [found[0]![0], found[0]![1].Properties ?? {}];
  }

  logicalId(construct: IConstruct): string {
    return Stack.of(construct).getLogicalId(construct.node.defaultChild as never);
  }

  /** The logical id of a declared table, queue, bus or Kinesis stream, found in the template by its physical name. */
  idOf(kind: keyof typeof RESOURCE_TYPES, name: string): string {
    const [type, property] = RESOURCE_TYPES[kind];
    return this.named(type, property, this.ctx.name(kind, name))[0];
  }

  /** The template value a ResourceRef must become, written from the logical ids (not with the synthesizer's resolver). */
  ref(ref: ResourceRef): unknown {
    switch (ref.ref) {
      case 'tableName':
        return { Ref: this.idOf('table', ref.name) };
      case 'tableStreamArn':
        return { 'Fn::GetAtt': [this.idOf('table', ref.name), 'StreamArn'] };
      case 'queueUrl':
        return { Ref: this.idOf('queue', ref.name) };
      case 'queueArn':
        return { 'Fn::GetAtt': [this.idOf('queue', ref.name), 'Arn'] };
      case 'busName':
        return { Ref: this.idOf('bus', ref.name) };
      case 'busArn':
        return { 'Fn::GetAtt': [this.idOf('bus', ref.name), 'Arn'] };
      case 'bucketName':
        return this.bucket(ref.name)[1].Properties!.BucketName;
      case 'kinesisStreamName':
        return { Ref: this.idOf('kinesisStream', ref.name) };
      case 'kinesisStreamArn':
        return { 'Fn::GetAtt': [this.idOf('kinesisStream', ref.name), 'Arn'] };
    }
  }

  /**
   * A declared bucket as [logicalId, resource]. Buckets have no name known at synth time (it ends in
   * the account and region), so this is the bucket construct's own resource.
   */
  bucket(name: string): [string, CfnResource] {
    const id = this.logicalId(this.ctx.bucket(name).bucket);
    const resource = this.json.Resources[id];
    if (resource?.Type !== 'AWS::S3::Bucket') throw new Error(`bucket ${name} (${id}) is not in the template`);
    return [id, resource];
  }

  /** The text a bucket's ARN renders to (see `render`), from its BucketName in the template. */
  bucketArnText(name: string): string {
    return `arn:\${AWS::Partition}:s3:::${render(this.bucket(name)[1].Properties!.BucketName)}`;
  }

  /** The template value of an object holding ResourceRefs (a rule's event pattern). */
  object(value: unknown): unknown {
    return substitute(value, (ref) => this.ref(ref));
  }

  /**
   * Asserts that a template value is the JSON text of `value` (a pattern), each ResourceRef inside
   * it an intrinsic as `ref` writes it: the Fn::Join's intrinsics become markers before parsing.
   */
  expectJsonText(actual: unknown, value: unknown): void {
    const marker = (intrinsic: unknown) => `@@${Buffer.from(JSON.stringify(intrinsic)).toString('base64url')}@@`;
    const join = (actual as { 'Fn::Join'?: [string, unknown[]] } | undefined)?.['Fn::Join'];
    const text = typeof actual === 'string' ? actual : join ? join[1].map((part) => (typeof part === 'string' ? part : marker(part))).join(join[0]) : undefined;
    expect(text, JSON.stringify(actual)).toBeTypeOf('string');
    expect(JSON.parse(text!)).toEqual(substitute(value, (ref) => marker(this.ref(ref))));
  }

  getAtt(construct: IConstruct, attribute: string): unknown {
    return { 'Fn::GetAtt': [this.logicalId(construct), attribute] };
  }
}

/**
 * Synthesizes apps in-process with inline code (no bundling); one Synthesized per app. The CDK's
 * built-in CloudFormation schema validation (WASM, ~8 s) runs in the `npm run synth` test instead.
 */
export function synthesize(apps: readonly AppDef[], options: SynthesizeOptions = {}): Synthesized[] {
  const { stacks } = buildCdkApp({ apps, code: 'inline', env: ENV, appProps: { builtinCloudFormationValidation: false }, ...options });
  return stacks.map((stack) => new Synthesized(stack));
}
