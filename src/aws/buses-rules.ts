import { CfnRule, EventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { replaceRefs } from '../platform/topology/refs.ts';
import type { RuleTarget } from '../platform/topology/types.ts';
import type { SynthContext } from './context.ts';
import { physicalName } from './naming.ts';

const EVENTS = new ServicePrincipal('events.amazonaws.com');
const TARGET_ID_LIMIT = 64;

export function addBuses(ctx: SynthContext): void {
  for (const [name, def] of Object.entries(ctx.app.buses ?? {})) {
    ctx.buses.set(name, new EventBus(ctx.stack, `${name}Bus`, { eventBusName: ctx.name('bus', name), description: def.description }));
  }
}

/**
 * Rules as CfnRule, so patterns and targets reach the template exactly as declared (raw pattern keys,
 * Input as JSON text); each target's queue, DLQ or function accepts events from this rule only.
 */
export function addRules(ctx: SynthContext): void {
  for (const [name, def] of Object.entries(ctx.app.rules ?? {})) {
    const rule = new CfnRule(ctx.stack, `${name}Rule`, {
      name: ctx.name('rule', name),
      eventBusName: ctx.bus(def.bus).eventBusName,
      description: def.description,
      eventPattern: replaceRefs(def.eventPattern, ctx.resolveRef),
      state: def.enabled === false ? 'DISABLED' : 'ENABLED',
      targets: def.targets.map((target) => targetProperty(ctx, target)),
    });
    def.targets.forEach((target, index) => allowDelivery(ctx, name, target, index, rule.attrArn));
  }
}

/** The target's id: declared, else its resource's logical name. */
export const targetId = (target: RuleTarget): string =>
  target.id ?? physicalName(['queue' in target ? target.queue : target.function], TARGET_ID_LIMIT);

function targetProperty(ctx: SynthContext, target: RuleTarget): CfnRule.TargetProperty {
  return {
    id: targetId(target),
    arn: 'queue' in target ? ctx.queue(target.queue).queueArn : ctx.fn(target.function).fn.functionArn,
    retryPolicy: target.retryPolicy && { ...target.retryPolicy },
    deadLetterConfig: target.deadLetterQueue ? { arn: ctx.queue(target.deadLetterQueue).queueArn } : undefined,
    input: target.input,
    inputPath: target.inputPath,
    inputTransformer: target.inputTransformer && {
      inputPathsMap: target.inputTransformer.inputPathsMap && { ...target.inputTransformer.inputPathsMap },
      inputTemplate: target.inputTransformer.inputTemplate,
    },
  };
}

function allowDelivery(ctx: SynthContext, ruleName: string, target: RuleTarget, index: number, ruleArn: string): void {
  if ('queue' in target) allowSend(ctx.queue(target.queue), ruleArn);
  else ctx.fn(target.function).fn.addPermission(`${ruleName}Rule${index}Invoke`, { principal: EVENTS, sourceArn: ruleArn });
  if (target.deadLetterQueue) allowSend(ctx.queue(target.deadLetterQueue), ruleArn);
}

function allowSend(queue: Queue, ruleArn: string): void {
  queue.addToResourcePolicy(
    new PolicyStatement({
      principals: [EVENTS],
      actions: ['sqs:SendMessage'],
      resources: [queue.queueArn],
      conditions: { ArnEquals: { 'aws:SourceArn': ruleArn } },
    }),
  );
}
