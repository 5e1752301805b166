import { VersionConflictError } from './errors.ts';

/**
 * Business logic as pure functions (Emmett's decider): `decide` turns a command and the current
 * state into events (or throws a DomainError refusing it), `evolve` applies one event. Time and ids
 * come in with the command, never from inside.
 */
export interface Decider<State, Command, Event> {
  decide(command: Command, state: State): readonly Event[];
  evolve(state: State, event: Event): State;
  /** The state before the first event. */
  initialState(): State;
}

/** A state as read, with the version a conditional write must still find (a sequence number, a status, …). */
export interface Versioned<State, Version> {
  readonly state: State;
  readonly version: Version;
}

/** Where handleCommand reads a state from and writes its change to, guarded by the version read. */
export interface CommandStore<State, Event, Version> {
  /** The current state and its version; `state` is absent when nothing is stored yet (the decider's initial state). */
  read(): Promise<{ readonly state?: State; readonly version: Version }>;
  /**
   * Stores the change only if the stored version is still `before.version` (a conditional write);
   * answers the new version, or `conflict` when another writer got there first.
   */
  write(change: { readonly before: Versioned<State, Version>; readonly events: readonly Event[]; readonly after: State }): Promise<{ readonly version: Version } | 'conflict'>;
}

export interface HandleCommandOptions {
  /** Rounds of read → decide → conditional write before giving up. Default 3. */
  maxAttempts?: number;
  /** Milliseconds to wait after losing round `attempt`. Default: a random 0–10 × attempt, so racing writers do not collide again in lockstep. */
  backoffMs?: (attempt: number) => number;
  /** The error thrown once every round lost. Default: a VersionConflictError (transient). */
  conflictError?: (attempts: number) => Error;
}

/**
 * A command, or how to build it from the state just read (each round), for a command that needs
 * more input once the state is known (e.g. the events a projection is missing). Never a function itself.
 */
export type CommandSource<State, Command, Version> = Command | CommandBuilder<State, Command, Version>;
export type CommandBuilder<State, Command, Version> = (before: Versioned<State, Version>) => Command | Promise<Command>;

export interface CommandResult<State, Event, Version> {
  /** The state the command was decided on. */
  readonly before: Versioned<State, Version>;
  /** The state and version after the events (the same as `before` when the command produced none). */
  readonly state: State;
  readonly version: Version;
  readonly events: readonly Event[];
}

/**
 * Runs a command with optimistic concurrency: read the state, decide, write the events
 * conditionally on the version read; when another writer got there first, read again and decide
 * again (the command may now be refused), up to `maxAttempts` rounds. A command that decides no
 * events writes nothing. Refusals thrown by `decide` pass through untouched.
 *
 * @example
 * const { state, version } = await handleCommand(dispenseDecider, dispenseStore(deps, id), command, { maxAttempts: 5 });
 */
export async function handleCommand<State, Command, Event, Version>(
  decider: Decider<State, Command, Event>,
  store: CommandStore<State, Event, Version>,
  command: CommandSource<State, Command, Version>,
  options: HandleCommandOptions = {},
): Promise<CommandResult<State, Event, Version>> {
  const { maxAttempts = 3, backoffMs = (attempt: number) => Math.random() * 10 * attempt } = options;
  for (let attempt = 1; ; attempt++) {
    const read = await store.read();
    const before: Versioned<State, Version> = { state: read.state !== undefined ? read.state : decider.initialState(), version: read.version };
    // The generic Command cannot be narrowed by typeof; commands are data, so a function is a builder.
    const decided = typeof command === 'function' ? await (command as CommandBuilder<State, Command, Version>)(before) : (command as Command);
    const events = decider.decide(decided, before.state);
    if (events.length === 0) return { before, state: before.state, version: before.version, events };
    const after = events.reduce((state, event) => decider.evolve(state, event), before.state);
    const written = await store.write({ before, events, after });
    if (written !== 'conflict') return { before, state: after, version: written.version, events };
    if (attempt >= maxAttempts) throw options.conflictError?.(attempt) ?? new VersionConflictError(`the state changed concurrently ${attempt} times`, attempt);
    const wait = backoffMs(attempt);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
