import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assetManifest, writeFiles } from '../../../test/support/templates/assembly.ts';
import { assetFolder, findAsset, readAssetManifest } from './assets.ts';
import { zipArchive } from '../../../test/support/templates/zip-writer.ts';

const work = mkdtempSync(join(tmpdir(), 'templates-assets-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

writeFiles(work, {
  'Stack.assets.json': assetManifest([['aaa', 'asset.aaa'], ['bbb', 'asset.bbb.zip', 'file'], ['ccc', 'Stack.template.json', 'file']]),
  'asset.aaa/index.js': 'exports.handler = async () => 1;',
  'asset.bbb.zip': zipArchive([{ name: 'app.mjs', data: 'export const handler = async () => 2;', deflate: true }]),
});

describe('asset manifests', () => {
  const assets = readAssetManifest(join(work, 'Stack.assets.json'));

  it('reads the file assets and finds one by object key, never by bucket', () => {
    expect(assets.map((asset) => [asset.id, asset.path, asset.packaging, asset.objectKeys])).toEqual([
      ['aaa', 'asset.aaa', 'zip', ['aaa.zip']],
      ['bbb', 'asset.bbb.zip', 'file', ['bbb.zip']],
      ['ccc', 'Stack.template.json', 'file', ['ccc.zip']],
    ]);
    expect(findAsset(assets, 'bbb.zip')?.id).toBe('bbb');
    expect(findAsset(assets, 'nope.zip')).toBeUndefined();
  });

  it('uses an asset folder as is and extracts a zip once into the cache', () => {
    const cache = join(work, 'cache');

    expect(assetFolder(work, assets[0]!, cache)).toEqual({ dir: join(work, 'asset.aaa'), extracted: false });
    const zipped = assetFolder(work, assets[1]!, cache);
    expect(zipped.extracted).toBe(true);
    expect(zipped.dir.startsWith(join(cache, 'assets'))).toBe(true);
    expect(readFileSync(join(zipped.dir, 'app.mjs'), 'utf8')).toContain('handler');
    expect(assetFolder(work, assets[1]!, cache)).toEqual(zipped);
  });

  it('names an asset missing from the assembly', () => {
    expect(() => assetFolder(work, { id: 'x', path: 'asset.gone', packaging: 'zip', objectKeys: [] }, join(work, 'cache'))).toThrow('asset asset.gone is missing from the cloud assembly');
    expect(existsSync(join(work, 'cache', 'assets'))).toBe(true);
  });
});
