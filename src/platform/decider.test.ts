import { describe, expect, it } from 'vitest';
import { handleCommand, type CommandStore, type Decider } from './decider.ts';
import { DomainError, VersionConflictError } from './errors.ts';

/** A counter that may not go above a limit: the smallest decider worth the name. */
type Command = { readonly type: 'Add'; readonly data: { readonly amount: number } };
type Event = { readonly type: 'Added'; readonly data: { readonly amount: number } };
const LIMIT = 10;
const counter: Decider<number, Command, Event> = {
  decide: ({ data: { amount } }, total) => {
    if (total + amount > LIMIT) throw new DomainError(`${total} + ${amount} is over ${LIMIT}`);
    return amount === 0 ? [] : [{ type: 'Added', data: { amount } }];
  },
  evolve: (total, { data: { amount } }) => total + amount,
  initialState: () => 0,
};

/** The counter in memory, versioned by its number of writes; `interfere` runs before each conditional write (another writer). */
function memoryStore(initial?: number, interfere: () => void = () => undefined) {
  const stored: { total?: number; version: number } = { total: initial, version: initial === undefined ? 0 : 1 };
  const writes: number[] = [];
  const store: CommandStore<number, Event, number> = {
    read: async () => ({ ...(stored.total !== undefined && { state: stored.total }), version: stored.version }),
    write: async ({ before, after }) => {
      interfere();
      if (stored.version !== before.version) return 'conflict';
      writes.push(after);
      Object.assign(stored, { total: after, version: stored.version + 1 });
      return { version: stored.version };
    },
  };
  return { store, stored, writes, bump: (by: number) => Object.assign(stored, { total: (stored.total ?? 0) + by, version: stored.version + 1 }) };
}

const add = (amount: number): Command => ({ type: 'Add', data: { amount } });
const noWait = { backoffMs: () => 0 };

describe('handleCommand', () => {
  it('given nothing stored, decides on the initial state and writes the events', async () => {
    const { store, stored } = memoryStore();

    const result = await handleCommand(counter, store, add(3), noWait);

    expect(result).toEqual({ before: { state: 0, version: 0 }, state: 3, version: 1, events: [{ type: 'Added', data: { amount: 3 } }] });
    expect(stored).toEqual({ total: 3, version: 1 });
  });

  it('given a command that decides no events, writes nothing', async () => {
    const { store, writes } = memoryStore(4);

    expect(await handleCommand(counter, store, add(0), noWait)).toMatchObject({ state: 4, version: 1, events: [] });
    expect(writes).toEqual([]);
  });

  it('given a writer that gets there first, reads again and decides on the new state', async () => {
    // Prepare: another writer adds 5 just before our first write
    let first = true;
    const memory = memoryStore(2, () => {
      if (first) memory.bump(5);
      first = false;
    });

    // Act
    const result = await handleCommand(counter, memory.store, add(3), noWait);

    // Assess
    expect(result).toMatchObject({ before: { state: 7, version: 2 }, state: 10, version: 3 });
    expect(memory.writes).toEqual([10]);
  });

  it('given the race changed the decision, the refusal passes through and nothing is written', async () => {
    let first = true;
    const memory = memoryStore(2, () => {
      if (first) memory.bump(7);
      first = false;
    });

    await expect(handleCommand(counter, memory.store, add(3), noWait)).rejects.toThrow('9 + 3 is over 10');
    expect(memory.writes).toEqual([]);
  });

  it('given a writer that always gets there first, gives up after maxAttempts with a transient VersionConflictError', async () => {
    const memory = memoryStore(0, () => memory.bump(0));
    const waits: number[] = [];

    const outcome = handleCommand(counter, memory.store, add(1), { maxAttempts: 4, backoffMs: (attempt) => (waits.push(attempt), 0) });

    await expect(outcome).rejects.toBeInstanceOf(VersionConflictError);
    await expect(outcome).rejects.toMatchObject({ attempts: 4, transient: true });
    expect(waits).toEqual([1, 2, 3]);
  });

  it('throws the caller’s error once every round lost, when it names one', async () => {
    const memory = memoryStore(0, () => memory.bump(0));

    const outcome = handleCommand(counter, memory.store, add(1), { ...noWait, maxAttempts: 2, conflictError: (attempts) => new Error(`lost ${attempts} times`) });

    await expect(outcome).rejects.toThrow('lost 2 times');
  });
});

describe('handleCommand with a command built from the state read', () => {
  it('builds the command again each round, from the state of that round', async () => {
    // Prepare: the command tops the counter up to the limit; another writer adds 4 before the first write
    let first = true;
    const memory = memoryStore(1, () => {
      if (first) memory.bump(4);
      first = false;
    });
    const seen: number[] = [];

    // Act
    const result = await handleCommand(counter, memory.store, async ({ state }) => (seen.push(state), add(LIMIT - state)), noWait);

    // Assess
    expect(seen).toEqual([1, 5]);
    expect(result).toMatchObject({ state: LIMIT, events: [{ data: { amount: 5 } }] });
  });
});
