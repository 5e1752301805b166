import { randomUUID } from 'node:crypto';
import { arn } from '../identity.ts';
import type { StackRecord, StackRegistry } from './stack-record.ts';

/** The stacks of this run of the cloud, in deploy order. */
export class StackRecords implements StackRegistry {
  readonly #stacks = new Map<string, StackRecord>();

  add(record: Omit<StackRecord, 'stackId' | 'createdAt'> & { stackId?: string }): StackRecord {
    const full: StackRecord = { ...record, stackId: record.stackId ?? arn('cloudformation', `stack/${record.name}/${randomUUID()}`), createdAt: new Date() };
    this.#stacks.set(record.name, full);
    return full;
  }

  list(): readonly StackRecord[] {
    return [...this.#stacks.values()];
  }

  get(name: string): StackRecord | undefined {
    return this.#stacks.get(name) ?? [...this.#stacks.values()].find((stack) => stack.stackId === name);
  }

  /** Every output exported under `name` (`Fn::ImportValue`). */
  exportedValue(name: string): string | undefined {
    for (const stack of this.#stacks.values()) {
      const output = stack.outputs.find((o) => o.exportName === name);
      if (output) return output.value;
    }
    return undefined;
  }
}
