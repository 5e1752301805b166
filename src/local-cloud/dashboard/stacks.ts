import type { DeployedApp } from '../deploy/deploy-app.ts';
import type { DeployedStack } from '../deploy/deploy-stack.ts';
import type { EventSource } from '../deploy/event-sources.ts';
import type { PipePlan } from '../deploy/plan.ts';
import type { Pipe } from '../pipes/pipe.ts';

/** One deployed stack as the dashboard groups it: an eventloom app or a loaded template. */
export interface StackInventory {
  readonly name: string;
  readonly kind: 'app' | 'template';
  /** Physical names by resource kind. */
  readonly tables: readonly string[];
  readonly queues: readonly string[];
  readonly buses: readonly string[];
  readonly buckets: readonly string[];
  readonly kinesisStreams: readonly string[];
  readonly functions: readonly string[];
  /** `<bus>/<rule>`. */
  readonly rules: readonly string[];
  readonly pipes: readonly { readonly pipe: Pipe; readonly plan: PipePlan | undefined }[];
  readonly eventSources: readonly EventSource[];
}

/** What the cloud runs, for the dashboard: apps first, then template stacks, in deploy order. */
export function inventory(apps: readonly DeployedApp[], templates: readonly DeployedStack[]): StackInventory[] {
  return [...apps.map((app) => describe(app.stack, 'app')), ...templates.map((stack) => describe(stack, 'template'))];
}

function describe(stack: DeployedStack, kind: StackInventory['kind']): StackInventory {
  const plans = new Map(stack.compute.pipes.map((plan) => [plan.name, plan]));
  return {
    name: stack.name,
    kind,
    tables: stack.storage.tables.map((table) => table.input.TableName),
    queues: stack.storage.queues.map((queue) => queue.name),
    buses: stack.storage.buses,
    buckets: stack.storage.buckets,
    kinesisStreams: stack.storage.kinesisStreams.map((stream) => stream.name),
    functions: stack.compute.functions.map((fn) => fn.name),
    rules: stack.compute.rules.map((rule) => `${rule.busName}/${rule.name}`),
    pipes: stack.pipes.map((pipe) => ({ pipe, plan: plans.get(pipe.name) })),
    eventSources: stack.eventSources,
  };
}

/** Which stack declares a resource, by `<kind>:<name>` (kinds as in StackInventory). */
export function stackOf(stacks: readonly StackInventory[]): (kind: 'tables' | 'queues' | 'buses' | 'buckets' | 'kinesisStreams' | 'functions' | 'rules', name: string) => string | undefined {
  const owners = new Map<string, string>();
  for (const stack of stacks) {
    for (const kind of ['tables', 'queues', 'buses', 'buckets', 'kinesisStreams', 'functions', 'rules'] as const) {
      for (const name of stack[kind]) if (!owners.has(`${kind}:${name}`)) owners.set(`${kind}:${name}`, stack.name);
    }
  }
  return (kind, name) => owners.get(`${kind}:${name}`);
}
