import { availableParallelism } from 'node:os';
import { isAbsolute } from 'node:path';
import { invocationSource, participant, type ActivityFeed } from '../../activity/index.ts';
import { arn, localRegion } from '../../identity.ts';
import { functionNotFound, invalidParameter, RunnerClosedError, tooManyRequests } from './errors.ts';
import { runWithFaults } from './fault-run.ts';
import { FaultInjector } from './faults.ts';
import { FunctionPool } from './function-pool.ts';
import { prefixedOutput, stderrLogger } from './output.ts';
import { SandboxCode } from './sandbox-code.ts';
import { Slots } from './slots.ts';
import type { FunctionConfig, FunctionRunnerOptions, FunctionStats, InvokeResult } from './types.ts';
import { counted } from '../../settle/busy.ts';

const DEFAULT_CONCURRENCY = 10;
const DEFAULT_IDLE_TTL_MS = 5 * 60_000;
const DEFAULT_SPARE_TTL_MS = 5_000;

/**
 * Runs functions the way Lambda does: each function in its own worker threads (its own
 * `process.env`, its own module state kept warm between invocations), started lazily on the
 * first invocation (a cold start), at most as many at once as its concurrency allows. An
 * invocation past its timeout terminates its worker, as AWS ends the sandbox.
 *
 * @example
 * const runner = new FunctionRunner({ defaultConcurrency: 4 });
 * runner.register({
 *   name: 'placeOrder', modulePath: '/app/src/orders/placeOrder/handler.ts', exportName: 'handler',
 *   environment: { TABLE_NAME: 'orders' }, timeoutSeconds: 3, memoryMb: 128,
 * });
 * const result = await runner.invoke('placeOrder', { orderId: 'o-1' });
 * if (!result.ok) console.error(result.error.errorType, result.error.errorMessage);
 * await runner.close();
 */
export class FunctionRunner {
  readonly #pools = new Map<string, FunctionPool>();
  /** Alias → function name. */
  readonly #aliases = new Map<string, string>();
  /** When each function was last registered: Lambda's `LastModified`. */
  readonly #registeredAt = new Map<string, Date>();
  readonly #options: Required<Omit<FunctionRunnerOptions, 'logSink' | 'activity' | 'onInvocationEnd'>> & Pick<FunctionRunnerOptions, 'logSink'>;
  readonly #onInvocationEnd: ((functionName: string) => void) | undefined;
  /** Per-function chaos settings (error rate, added latency, duplicate delivery); in memory, so off after a restart. */
  readonly faults = new FaultInjector();
  /** Where invocations are reported; event source mappings report the records they read here too. */
  readonly activity: ActivityFeed | undefined;
  readonly #reaper: NodeJS.Timeout;
  readonly #coldStarts: Slots;
  readonly #code = new SandboxCode();
  /** Pools a new registration replaced (hot reload) while invocations still ran on them: `busy()` counts those too. */
  readonly #replaced = new Set<FunctionPool>();
  #closed = false;

  constructor(options: FunctionRunnerOptions = {}) {
    this.#options = {
      defaultConcurrency: options.defaultConcurrency ?? DEFAULT_CONCURRENCY,
      idleWorkerTtlMs: options.idleWorkerTtlMs ?? DEFAULT_IDLE_TTL_MS,
      spareWorkerTtlMs: options.spareWorkerTtlMs ?? DEFAULT_SPARE_TTL_MS,
      logger: options.logger ?? stderrLogger,
      output: options.output ?? prefixedOutput,
      logSink: options.logSink,
      baseEnv: options.baseEnv ?? process.env,
      region: options.region ?? localRegion(),
      maxConcurrentColdStarts: options.maxConcurrentColdStarts ?? Math.max(2, availableParallelism()),
    };
    this.activity = options.activity;
    this.#onInvocationEnd = options.onInvocationEnd;
    this.#coldStarts = new Slots(this.#options.maxConcurrentColdStarts);
    const ttl = Math.min(this.#options.idleWorkerTtlMs, this.#options.spareWorkerTtlMs);
    this.#reaper = setInterval(() => this.#reap(), Math.max(10, Math.min(ttl / 2, 30_000)));
    this.#reaper.unref();
  }

  /** Adds a function, or replaces its configuration (running invocations finish on the old one). */
  register(config: FunctionConfig): void {
    validate(config);
    this.#setAliases(config);
    const limit = config.reservedConcurrency ?? this.#options.defaultConcurrency;
    const previous = this.#pools.get(config.name);
    previous?.retire();
    if (previous && previous.slots.running > 0) this.#replaced.add(previous);
    const functionArn = this.#arn(config.name);
    const context = { functionArn, env: this.#env(config), output: this.#options.output, logSink: this.#options.logSink, logger: this.#options.logger, coldStarts: this.#coldStarts, code: this.#code };
    this.#pools.set(config.name, new FunctionPool(config, limit, context));
    this.#registeredAt.set(config.name, new Date());
  }

  /**
   * The function's code changed (hot reload): its warm sandboxes end, busy ones once their running
   * invocation finishes, and the next invocation loads the code afresh, as after Lambda's
   * UpdateFunctionCode. Nothing waiting for a slot or in flight is dropped.
   */
  retire(name: string): void {
    this.register(this.#pool(name).config);
  }

  /** A function's configuration (by name or alias) and when it was registered, for Lambda's read API; undefined if unknown. */
  describe(name: string): { config: FunctionConfig; lastModified: Date } | undefined {
    const pool = this.#pools.get(this.#aliases.get(name) ?? name);
    return pool && { config: pool.config, lastModified: this.#registeredAt.get(pool.config.name) ?? new Date() };
  }

  /** Whether the name is a function or one of its aliases. */
  has(name: string): boolean {
    return this.#pools.has(name) || this.#aliases.has(name);
  }

  /** How many invocations of the function may run at once. */
  concurrency(name: string): number {
    return this.#pool(name).limit;
  }

  list(): string[] {
    return [...this.#pools.keys()];
  }

  /**
   * Waits for a free execution slot, then runs the function; never drops work (pollers limit
   * themselves). `signal` aborts the wait for a slot, not a running invocation.
   */
  async invoke(name: string, event: unknown, options: { signal?: AbortSignal } = {}): Promise<InvokeResult> {
    const pool = this.#pool(name);
    if (pool.limit === 0) return this.#throttle(pool);
    await pool.slots.acquire(options.signal);
    try {
      return await this.#run(pool, event);
    } finally {
      pool.slots.release();
    }
  }

  /** Like `invoke`, but rejects with TooManyRequestsException (429) when every slot is busy. */
  async tryInvoke(name: string, event: unknown): Promise<InvokeResult> {
    const pool = this.#pool(name);
    if (!pool.slots.tryAcquire()) return this.#throttle(pool);
    try {
      return await this.#run(pool, event);
    } finally {
      pool.slots.release();
    }
  }

  stats(name: string): FunctionStats {
    return this.#pool(name).stats();
  }

  /** `settled()`'s view: each function with invocations running now. */
  busy(): string[] {
    for (const pool of this.#replaced) if (pool.slots.running === 0) this.#replaced.delete(pool);
    const onPreviousCode = [...this.#replaced].map((pool) => `function ${pool.config.name}: ${counted(pool.slots.running, 'invocation')} running on its previous code`);
    return this.list().flatMap((name) => {
      const { running } = this.stats(name);
      return running > 0 ? [`function ${name}: ${counted(running, 'invocation')} running`] : [];
    }).concat(onPreviousCode);
  }

  /** The function's ARN, as `invokedFunctionArn` reports it. */
  functionArn(name: string): string {
    return this.#arn(name);
  }

  /** Terminates every worker; callers waiting for a slot are rejected. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#reaper);
    const pools = [...this.#pools.values()];
    for (const pool of pools) pool.slots.rejectWaiters(new RunnerClosedError());
    await Promise.all(pools.map((pool) => pool.close()));
    this.#code.close();
  }

  /** One invocation in a held slot, with the function's injected faults when it has any. */
  async #run(pool: FunctionPool, event: unknown): Promise<InvokeResult> {
    try {
      return await this.#runWithFaults(pool, event);
    } finally {
      this.#onInvocationEnd?.(pool.config.name);
    }
  }

  async #runWithFaults(pool: FunctionPool, event: unknown): Promise<InvokeResult> {
    const fault = this.faults.draw(pool.config.name);
    if (!fault) {
      const result = await pool.run(event);
      this.#report(pool, event, result);
      return result;
    }
    const { result, duplicate } = await runWithFaults(pool, event, fault);
    this.#report(pool, event, result);
    if (duplicate) this.#report(pool, event, duplicate, 'duplicate');
    return result;
  }

  #report(pool: FunctionPool, event: unknown, result: InvokeResult, note?: string): void {
    if (!this.activity) return;
    const outcome = result.ok ? 'ok' : result.timedOut ? 'timeout' : 'error';
    const detail = note ?? (result.ok ? (result.coldStart ? 'cold start' : undefined) : result.error.errorType);
    const count = Array.isArray((event as { Records?: unknown } | null)?.Records) ? (event as { Records: unknown[] }).Records.length : undefined;
    this.activity.report({
      kind: 'invocation',
      from: invocationSource(event),
      to: participant.fn(pool.config.name),
      // Rounded down, so that the start it implies is never before what the step caused was reported.
      durationMs: Math.floor(result.durationMs),
      outcome,
      ...(detail !== undefined && { note: detail }),
      ...(count !== undefined && { count }),
      payload: event,
    });
  }

  #pool(name: string): FunctionPool {
    if (this.#closed) throw new RunnerClosedError();
    const pool = this.#pools.get(this.#aliases.get(name) ?? name);
    if (!pool) throw functionNotFound(this.#arn(name));
    return pool;
  }

  #setAliases(config: FunctionConfig): void {
    if (this.#aliases.has(config.name)) throw invalidParameter(`function ${config.name}: the name is already an alias of ${this.#aliases.get(config.name)}`);
    for (const alias of config.aliases ?? []) {
      const owner = this.#aliases.get(alias);
      if (this.#pools.has(alias) || (owner !== undefined && owner !== config.name)) {
        throw invalidParameter(`function ${config.name}: the alias ${alias} is already taken by ${owner ?? 'a function'}`);
      }
    }
    for (const [alias, owner] of this.#aliases) if (owner === config.name) this.#aliases.delete(alias);
    for (const alias of config.aliases ?? []) this.#aliases.set(alias, config.name);
  }

  #throttle(pool: FunctionPool): never {
    pool.throttles++;
    throw tooManyRequests();
  }

  #arn(name: string): string {
    return arn('lambda', `function:${name}`, this.#options.region);
  }

  /** What a Lambda container sees: the base environment, the function's own, then AWS's reserved variables. */
  #env(config: FunctionConfig): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(this.#options.baseEnv)) if (value !== undefined) env[key] = value;
    const { region } = this.#options;
    return Object.assign(env, config.environment, {
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${process.versions.node.split('.')[0]}.x`,
      AWS_LAMBDA_FUNCTION_NAME: config.name,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memoryMb),
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${config.name}`,
      _HANDLER: `${config.modulePath}.${config.exportName}`,
    });
  }

  #reap(): void {
    const now = Date.now();
    const { idleWorkerTtlMs, spareWorkerTtlMs } = this.#options;
    for (const pool of this.#pools.values()) pool.reap(now - idleWorkerTtlMs, now - Math.min(idleWorkerTtlMs, spareWorkerTtlMs));
  }
}

function validate(config: FunctionConfig): void {
  const where = `function ${config.name || '(unnamed)'}`;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(config.name)) throw invalidParameter(`${where}: the name must be 1-64 letters, digits, - or _`);
  for (const alias of config.aliases ?? []) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(alias) || alias === config.name) throw invalidParameter(`${where}: the alias "${alias}" must be another name of 1-64 letters, digits, - or _`);
  }
  if (!isAbsolute(config.modulePath)) throw invalidParameter(`${where}: modulePath must be absolute, got ${config.modulePath}`);
  if (!(config.timeoutSeconds > 0 && config.timeoutSeconds <= 900)) throw invalidParameter(`${where}: timeoutSeconds must be in (0, 900]`);
  const concurrency = config.reservedConcurrency;
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 0)) {
    throw invalidParameter(`${where}: reservedConcurrency must be a non-negative integer`);
  }
}
