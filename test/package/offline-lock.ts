import { readFileSync } from 'node:fs';

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  optional?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  [field: string]: unknown;
}

interface PackageLock {
  name: string;
  version?: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
}

export interface TarballProject {
  /** The project's package.json: the tarball as its dependency, `devPackages` at the repository's versions. */
  manifest: { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  lock: PackageLock;
}

/**
 * The package.json dependencies and package-lock of a project whose one dependency is eventloom's
 * tarball: eventloom's own locked production dependencies at the places npm hoisted them, the tarball
 * at `node_modules/eventloom`, and `devPackages` (e.g. vitest) with everything they need, at the
 * repository's versions. `npm ci --offline` then installs exactly what a user gets, from npm's cache —
 * filled by the repository's own `npm ci` — so the test downloads nothing.
 */
export function tarballProject(repoLockFile: string, projectName: string, tarballFile: string, devPackages: readonly string[] = []): TarballProject {
  const repo = JSON.parse(readFileSync(repoLockFile, 'utf8')) as PackageLock;
  const { dependencies, devDependencies: _dev, ...root } = repo.packages[''] ?? {};
  const devDependencies = Object.fromEntries(devPackages.map((name) => [name, entryOf(repo, `node_modules/${name}`).version!]));
  const manifest = { dependencies: { eventloom: `file:${tarballFile}` }, devDependencies };
  const packages: Record<string, LockEntry> = {
    '': { name: projectName, ...manifest },
    'node_modules/eventloom': { ...root, resolved: `file:${tarballFile}`, ...(dependencies !== undefined && { dependencies }) },
  };
  for (const [path, entry] of Object.entries(repo.packages)) {
    if (path !== '' && !entry.dev) packages[path] = entry;
  }
  for (const path of closure(repo, devPackages.map((name) => `node_modules/${name}`))) packages[path] ??= repo.packages[path]!;
  return { manifest, lock: { name: projectName, lockfileVersion: repo.lockfileVersion, requires: true, packages } };
}

/** The lock paths of `roots` and of every package they need, resolved as Node does: nearest node_modules first. */
function closure(lock: PackageLock, roots: readonly string[]): Set<string> {
  const found = new Set<string>();
  const visit = (path: string) => {
    if (found.has(path)) return;
    found.add(path);
    const entry = entryOf(lock, path);
    const needed = { ...entry.peerDependencies, ...entry.optionalDependencies, ...entry.dependencies };
    for (const name of Object.keys(needed)) {
      const location = resolveFrom(lock, path, name);
      if (location !== undefined) visit(location);
    }
  };
  for (const root of roots) visit(root);
  return found;
}

function resolveFrom(lock: PackageLock, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base}/node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    const parent = base.lastIndexOf('/node_modules/');
    if (parent < 0) break;
    base = base.slice(0, parent);
  }
  return lock.packages[`node_modules/${name}`] ? `node_modules/${name}` : undefined;
}

function entryOf(lock: PackageLock, path: string): LockEntry {
  const entry = lock.packages[path];
  if (!entry) throw new Error(`${path} is not in the repository's package-lock.json`);
  return entry;
}
