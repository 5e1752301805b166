import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TemplateError } from './errors.ts';
import { isPlainObject } from './intrinsics.ts';
import { extractZip } from './zip.ts';

/** A file asset of a CDK asset manifest (`<Stack>.assets.json`). */
export interface FileAsset {
  readonly id: string;
  /** Relative to the assembly directory: a folder, or a file (`.zip`). */
  readonly path: string;
  readonly packaging: string;
  /** Every object key it is published under (`<hash>.zip`, or with a bucket prefix). */
  readonly objectKeys: readonly string[];
}

/** Reads the file assets of a CDK asset manifest. */
export function readAssetManifest(file: string): FileAsset[] {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TemplateError(`cannot read the asset manifest: ${(error as Error).message}`, { file, cause: error });
  }
  const files = isPlainObject(manifest) && isPlainObject(manifest.files) ? manifest.files : {};
  return Object.entries(files).flatMap(([id, entry]): FileAsset[] => {
    if (!isPlainObject(entry) || !isPlainObject(entry.source) || typeof entry.source.path !== 'string') return [];
    const destinations = isPlainObject(entry.destinations) ? Object.values(entry.destinations) : [];
    const objectKeys = destinations.flatMap((destination) => (isPlainObject(destination) && typeof destination.objectKey === 'string' ? [destination.objectKey] : []));
    return [{ id, path: entry.source.path, packaging: typeof entry.source.packaging === 'string' ? entry.source.packaging : 'file', objectKeys }];
  });
}

/**
 * The asset a function's `Code.S3Key` names: matched against the destinations' object keys, never
 * the bucket (the bootstrap qualifier in bucket names is configurable).
 */
export function findAsset(assets: readonly FileAsset[], s3Key: string): FileAsset | undefined {
  return assets.find((asset) => asset.objectKeys.includes(s3Key));
}

/**
 * The folder holding an asset's files: the asset's own folder, or its `.zip` extracted once into
 * `<cacheDir>/assets/<sha256 of the zip>` (written to a temporary name and renamed, so concurrent
 * loads never see half an extraction).
 */
export function assetFolder(assemblyDir: string, asset: FileAsset, cacheDir: string): { dir: string; extracted: boolean } {
  const source = resolve(assemblyDir, asset.path);
  if (!existsSync(source)) throw new TemplateError(`asset ${asset.path} is missing from the cloud assembly`);
  if (statSync(source).isDirectory()) return { dir: source, extracted: false };
  const archive = readFileSync(source);
  const target = join(cacheDir, 'assets', createHash('sha256').update(archive).digest('hex'));
  if (existsSync(target)) return { dir: target, extracted: true };
  const temporary = `${target}.${randomUUID()}.tmp`;
  mkdirSync(temporary, { recursive: true });
  try {
    extractZip(archive, temporary, asset.path);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    if (!existsSync(target)) throw error;
  }
  return { dir: target, extracted: true };
}
