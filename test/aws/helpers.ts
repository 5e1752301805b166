import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { replaceRefs } from '../../src/platform/topology/refs.ts';
import type { AppDef, ResourceRef } from '../../src/platform/topology/types.ts';
import type { SynthContext } from '../../src/aws/context.ts';
import { buildCdkApp, type SynthesizeOptions } from '../../src/aws/synth.ts';
import type { TopologyStack } from '../../src/aws/stack.ts';

export const ENV = { account: '000000000000', region: 'us-east-1' };

export type Props = Record<string, unknown>;
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Props;
  readonly DependsOn?: string[];
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

  /** The template value a ResourceRef must become. */
  ref(ref: ResourceRef): unknown {
    return this.stack.resolve(this.ctx.resolveRef(ref));
  }

  /** The template value of a JSON document (pattern) holding ResourceRefs. */
  jsonText(value: unknown): unknown {
    return this.stack.resolve(this.stack.toJsonString(replaceRefs(value, this.ctx.resolveRef)));
  }

  /** The template value of an object holding ResourceRefs (a rule's event pattern). */
  object(value: unknown): unknown {
    return this.stack.resolve(replaceRefs(value, this.ctx.resolveRef));
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
