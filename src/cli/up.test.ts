import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../platform/cli-error.ts';
import { loadApps, parsePort } from './up.ts';

describe('parsePort', () => {
  it.each([
    ['0', 0],
    ['4566', 4566],
    ['65535', 65_535],
  ])('accepts %s', (text, port) => {
    expect(parsePort('--port', text)).toBe(port);
  });

  it.each(['-1', '65536', '45.5', 'http', '', ' ', '0x50', '1e3'])('refuses %j, naming the flag', (text) => {
    expect(() => parsePort('--dynamodb-port', text)).toThrow(CliError);
    expect(() => parsePort('--dynamodb-port', text)).toThrow(`--dynamodb-port must be a port number (0–65535), got "${text}".`);
  });
});

describe('loadApps', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eventloom-apps-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const module = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('loads the apps a module exports', async () => {
    const path = module('apps.mjs', "export const apps = [{ name: 'mine' }];");
    expect(await loadApps(path)).toEqual([{ name: 'mine' }]);
  });

  it('says what is wrong with a missing file or a module without `apps`', async () => {
    await expect(loadApps(join(dir, 'missing.mjs'))).rejects.toThrow(/no such file/);
    await expect(loadApps(module('other.mjs', 'export const app = {};'))).rejects.toThrow(/must export `apps`, an array of app topologies/);
  });
});
