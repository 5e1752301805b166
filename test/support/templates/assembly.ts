import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Test support: writes `files` (path → JSON value or text) under `dir`. */
export function writeFiles(dir: string, files: Record<string, unknown>): void {
  for (const [path, content] of Object.entries(files)) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content, null, 1));
  }
}

/** Test support: a stack artifact as `cdk synth` writes it. */
export function stackArtifact(templateFile: string, options: { stackName?: string; displayName?: string; dependencies?: string[] } = {}): Record<string, unknown> {
  return {
    type: 'aws:cloudformation:stack',
    environment: 'aws://unknown-account/unknown-region',
    properties: { templateFile, ...(options.stackName ? { stackName: options.stackName } : {}) },
    dependencies: options.dependencies ?? [],
    displayName: options.displayName,
  };
}

/** Test support: an asset manifest with one file asset per `[hash, path, packaging]`. */
export function assetManifest(assets: readonly [hash: string, path: string, packaging?: string][]): Record<string, unknown> {
  const files = Object.fromEntries(
    assets.map(([hash, path, packaging = 'zip']) => [
      hash,
      {
        source: { path, packaging },
        destinations: { 'current_account-current_region': { bucketName: 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}', objectKey: `${hash}.zip` } },
      },
    ]),
  );
  return { version: '55.0.0', files, dockerImages: {} };
}
