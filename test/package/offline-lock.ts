import { readFileSync } from 'node:fs';

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  optional?: boolean;
  dependencies?: Record<string, string>;
  [field: string]: unknown;
}

interface PackageLock {
  name: string;
  version?: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
}

/**
 * The package-lock of a project whose one dependency is eventloom's tarball: eventloom's own locked
 * production dependencies at the places npm hoisted them, the tarball at `node_modules/eventloom`.
 * `npm ci --offline` then installs exactly what a user gets, from npm's cache — filled by the
 * repository's own `npm ci` — so the test downloads nothing.
 */
export function lockForTarball(repoLockFile: string, projectName: string, tarballFile: string): PackageLock {
  const repo = JSON.parse(readFileSync(repoLockFile, 'utf8')) as PackageLock;
  const { dependencies, devDependencies: _dev, ...root } = repo.packages[''] ?? {};
  const packages: Record<string, LockEntry> = {
    '': { name: projectName, dependencies: { eventloom: `file:${tarballFile}` } },
    'node_modules/eventloom': { ...root, resolved: `file:${tarballFile}`, ...(dependencies !== undefined && { dependencies }) },
  };
  for (const [path, entry] of Object.entries(repo.packages)) {
    if (path !== '' && !entry.dev) packages[path] = entry;
  }
  return { name: projectName, lockfileVersion: repo.lockfileVersion, requires: true, packages };
}
