import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractZip, readZip } from './zip.ts';
import { zipArchive } from '../../../test/support/templates/zip-writer.ts';

const work = mkdtempSync(join(tmpdir(), 'templates-zip-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('readZip', () => {
  it('reads stored and deflated entries and skips directories', () => {
    const archive = zipArchive([
      { name: 'index.js', data: 'exports.handler = async () => "ok";', deflate: true },
      { name: 'lib/', data: '' },
      { name: 'lib/util.js', data: 'module.exports = 1;' },
    ]);

    const entries = readZip(archive);

    expect(entries.map((entry) => [entry.name, entry.data.toString()])).toEqual([
      ['index.js', 'exports.handler = async () => "ok";'],
      ['lib/util.js', 'module.exports = 1;'],
    ]);
  });

  it('refuses what is not a zip, and entries escaping the folder', () => {
    expect(() => readZip(Buffer.from('not a zip at all, no sir'), 'asset.zip')).toThrow('asset.zip: not a zip archive');
    expect(() => readZip(zipArchive([{ name: '../evil.js', data: 'x' }]), 'asset.zip')).toThrow('asset.zip: entry ../evil.js points outside the archive');
  });
});

describe('extractZip', () => {
  it('writes the files under the folder', () => {
    const dir = join(work, 'out');

    extractZip(zipArchive([{ name: 'a/b/c.mjs', data: 'export const handler = 1;', deflate: true }]), dir);

    expect(readFileSync(join(dir, 'a/b/c.mjs'), 'utf8')).toBe('export const handler = 1;');
  });
});
