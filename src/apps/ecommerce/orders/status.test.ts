import { describe, expect, it } from 'vitest';
import { ORDER_EVENT_NAMES, type OrderEventName } from '../events.ts';
import { decide, isOrderStatus, ORDER_STATUS, type OrderStatus, type StatusDecision } from './status.ts';

// Spec §4.2, pasted verbatim: the test reads the contract, not the implementation's table.
const SPEC_TABLE = `
| current \\ event | PLACED | CREATED | STOCK_DEPLETED | STOCK_ALLOCATED | PAYMENT_REJECTED | PAYMENT_ACCEPTED | SHIPPED | DELIVERED | CANCELED |
|---|---|---|---|---|---|---|---|---|---|
| ORDER_CREATED_STATUS | stale* | redund | →STOCK_DEPLETED | →STOCK_ALLOCATED | →PAYMENT_REJECTED | →PAYMENT_ACCEPTED | →SHIPPED | →DELIVERED | →CANCELED |
| ORDER_STOCK_DEPLETED_STATUS | stale* | stale | redund | forbid | forbid | forbid | forbid | forbid | →CANCELED |
| ORDER_STOCK_ALLOCATED_STATUS | stale* | stale | forbid | redund | →PAYMENT_REJECTED | →PAYMENT_ACCEPTED | →SHIPPED | →DELIVERED | →CANCELED |
| ORDER_PAYMENT_REJECTED_STATUS | stale* | stale | forbid | stale | redund | forbid | forbid | forbid | →CANCELED |
| ORDER_PAYMENT_ACCEPTED_STATUS | stale* | stale | forbid | stale | forbid | redund | →SHIPPED | →DELIVERED | →CANCELED |
| ORDER_SHIPPED_STATUS | stale* | stale | forbid | stale | forbid | stale | redund | →DELIVERED | →CANCELED |
| ORDER_DELIVERED_STATUS | stale* | stale | forbid | stale | forbid | stale | stale | redund | →CANCELED |
| ORDER_CANCELED_STATUS | stale* | stale | stale | stale | stale | stale | stale | stale | redund |
`;

interface Case {
  readonly given: string;
  readonly when: OrderEventName;
  readonly then: StatusDecision;
  readonly cell: string;
}

function specCases(table: string): Case[] {
  const [header = [], , ...rows] = table
    .trim()
    .split('\n')
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
  const columns = header.slice(1).map((short) => `ORDER_${short}_EVENT`);
  return rows.flatMap(([given = '', ...cells]) =>
    cells.flatMap((cell, index) => {
      const column = columns[index] ?? '';
      // Decision 2: the README's spelling fills the CANCELED column as well.
      const events = column === 'ORDER_CANCELED_EVENT' ? [column, 'ORDER_CANCELLED_EVENT'] : [column];
      return events.map((when) => ({ given, when: when as OrderEventName, then: toDecision(cell), cell }));
    }),
  );
}

function toDecision(cell: string): StatusDecision {
  if (cell.startsWith('→')) return { kind: 'transition', to: `ORDER_${cell.slice(1)}_STATUS` as OrderStatus };
  const reason = ({ 'stale*': 'stale', stale: 'stale', redund: 'redundant', forbid: 'forbidden' } as const)[cell as 'stale'];
  if (!reason) throw new Error(`unreadable cell ${cell}`);
  return { kind: 'ignored', reason };
}

const cases = specCases(SPEC_TABLE);

describe('order status transitions (spec §4.2)', () => {
  it('covers every status × every event name, both cancellation spellings included', () => {
    expect(cases).toHaveLength(Object.values(ORDER_STATUS).length * ORDER_EVENT_NAMES.length);
    expect(new Set(cases.map((c) => c.when))).toEqual(new Set(ORDER_EVENT_NAMES));
    expect(cases.every((c) => isOrderStatus(c.given))).toBe(true);
  });

  it.each(cases)('given $given, when $when, then $cell', ({ given, when, then }) => {
    if (!isOrderStatus(given)) throw new Error(`unknown status ${given}`);

    const decision = decide(given, when);

    expect(decision).toEqual(then);
  });

  it('treats ORDER_CANCELLED_EVENT exactly like ORDER_CANCELED_EVENT from every status', () => {
    for (const status of Object.values(ORDER_STATUS)) expect(decide(status, 'ORDER_CANCELLED_EVENT')).toEqual(decide(status, 'ORDER_CANCELED_EVENT'));
  });
});

describe('isOrderStatus', () => {
  it('knows the eight statuses and nothing else', () => {
    expect(isOrderStatus('ORDER_SHIPPED_STATUS')).toBe(true);
    expect(isOrderStatus('ORDER_CANCELLED_STATUS')).toBe(false);
    expect(isOrderStatus(undefined)).toBe(false);
  });
});
