import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, relative, sep } from 'node:path';
import { manifestText, replaceManifest } from './jar-manifest.ts';

const MAIN_CLASS = 'software.amazon.dynamodb.services.local.main.ServerRunner';
const ARCHIVE = 'classes.jsa';

/**
 * How to launch DynamoDB Local's JVM with a class-data-sharing archive: `use` maps the archive a
 * first run made (the JVM starts in about half the CPU time), `create` makes one when that JVM
 * exits, `off` is the plain `-jar` launch (no cache directory, or anything about it failed).
 */
export interface JvmLaunch {
  readonly mode: 'use' | 'create' | 'off';
  /** JVM options, ending with `-jar <jar>`. */
  readonly args: readonly string[];
  /** The archive `use` maps or `create` writes. */
  readonly archive?: string;
  /** After the JVM exited: a `create` run that ended by itself (not killed) keeps the archive it wrote. */
  exited(signal: NodeJS.Signals | null): void;
  /** The JVM could not start with the archive: remove it, so the next start makes a new one. */
  discard(): void;
}

/** `$XDG_CACHE_HOME/eventloom`, else `~/.cache/eventloom`. */
export function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'eventloom');
}

/**
 * The launch for DynamoDB Local in `jarDir` with `java`, its archive kept under `cacheDir`, keyed by the
 * jar's release and the Java installation. CDS refuses a non-empty directory on the class path, and
 * DynamoDBLocal.jar's manifest lists `.`: the archive is made for a copy of the jar whose manifest
 * lists only the bundled libraries.
 */
export function classDataLaunch(jarDir: string, java: string, cacheDir: string | false = defaultCacheDir()): JvmLaunch {
  const plain = offLaunch(jarDir);
  if (cacheDir === false) return plain;
  try {
    const dir = join(cacheDir, 'dynamodb-local', cacheKey(jarDir, java));
    const jar = join(dir, 'DynamoDBLocal.jar');
    if (!existsSync(jar) && !writeLauncherJar(jarDir, dir, jar)) return plain;
    const archive = join(dir, ARCHIVE);
    if (existsSync(archive)) {
      return { mode: 'use', args: [`-XX:SharedArchiveFile=${archive}`, '-jar', jar], archive, exited: () => {}, discard: () => removeQuietly(archive) };
    }
    removeAbandonedArchives(dir);
    // The JVM writes the archive as it exits; a unique name keeps concurrent first runs apart.
    const pending = join(dir, `${ARCHIVE}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    return {
      mode: 'create',
      args: [`-XX:ArchiveClassesAtExit=${pending}`, '-jar', jar],
      archive: pending,
      exited: (signal) => {
        try {
          // A killed JVM may have left half an archive, and mapping one crashes the next JVM.
          if (signal === null && existsSync(pending) && statSync(pending).size > 0) renameSync(pending, archive);
          else rmSync(pending, { force: true });
        } catch {
          // The cache is not writable any more: the next start makes the archive again.
        }
      },
      discard: () => removeQuietly(pending),
    };
  } catch {
    return plain;
  }
}

function offLaunch(jarDir: string): JvmLaunch {
  return { mode: 'off', args: ['-jar', join(jarDir, 'DynamoDBLocal.jar')], exited: () => {}, discard: () => {} };
}

/** Changes with the DynamoDB Local release (and its jar) and with the Java installation. */
function cacheKey(jarDir: string, java: string): string {
  const jar = statSync(join(jarDir, 'DynamoDBLocal.jar'));
  const javaPath = realpathSync(java.includes(sep) ? java : onPath(java));
  const release = join(dirname(dirname(javaPath)), 'release');
  const hash = createHash('sha256')
    .update(`${jar.size}:${jar.mtimeMs}\n${javaPath}\n${existsSync(release) ? readFileSync(release, 'utf8') : ''}`)
    .digest('hex')
    .slice(0, 16);
  return `${jarDir.split(sep).at(-1)}-${hash}`;
}

function onPath(command: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    if (dir && existsSync(candidate)) return candidate;
  }
  throw new Error(`${command} is not on the PATH`);
}

/** False when the relative class path cannot be written plainly (both HotSpot and the URL class path read it). */
function writeLauncherJar(jarDir: string, dir: string, jar: string): boolean {
  const libDir = join(jarDir, 'DynamoDBLocal_lib');
  const classPath = readdirSync(libDir)
    .filter((name) => name.endsWith('.jar'))
    .sort()
    .map((name) => relative(dir, join(libDir, name)).split(sep).join('/'));
  if (!classPath.every((entry) => /^[A-Za-z0-9._/+-]+$/.test(entry))) return false;
  mkdirSync(dir, { recursive: true });
  const pending = `${jar}.${process.pid}.tmp`;
  writeFileSync(pending, replaceManifest(readFileSync(join(jarDir, 'DynamoDBLocal.jar')), manifestText(MAIN_CLASS, classPath)));
  renameSync(pending, jar);
  return true;
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Left for the JVM to reject (a damaged archive is then removed again, or fails the same way and starts plain).
  }
}

/** Archives a JVM never finished writing (its parent was killed), older than an hour. */
function removeAbandonedArchives(dir: string): void {
  const hourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.tmp')) continue;
    const path = join(dir, name);
    if (statSync(path).mtimeMs < hourAgo) rmSync(path, { force: true });
  }
}
