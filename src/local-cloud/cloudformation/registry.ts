import type { StackRecord, StackRegistry } from '../deploy/stack-record.ts';

/**
 * The stacks a running cloud serves through the CloudFormation API: one per deployed app, plus the
 * stacks loaded from templates. A stack put again under its name replaces the earlier record.
 *
 * @example
 * const stacks = new StackRegistryStore();
 * stacks.put(appStackRecord(app, resolver));
 * stacks.get('ecommerce')?.outputs;
 */
export class StackRegistryStore implements StackRegistry {
  readonly #stacks = new Map<string, StackRecord>();

  put(stack: StackRecord): void {
    this.#stacks.set(stack.name, stack);
  }

  delete(name: string): void {
    this.#stacks.delete(name);
  }

  list(): readonly StackRecord[] {
    return [...this.#stacks.values()];
  }

  get(name: string): StackRecord | undefined {
    return this.#stacks.get(name);
  }
}
