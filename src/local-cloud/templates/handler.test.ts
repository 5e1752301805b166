import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFiles } from '../../../test/support/templates/assembly.ts';
import { findHandlerModule, parseHandler } from './handler.ts';

const work = mkdtempSync(join(tmpdir(), 'templates-handler-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('parseHandler', () => {
  it('splits like the Node.js runtime', () => {
    expect(parseHandler('app.handler')).toEqual({ moduleRoot: '', module: 'app', exportName: 'handler' });
    expect(parseHandler('src/handlers/app.lambdaHandler')).toEqual({ moduleRoot: 'src/handlers/', module: 'app', exportName: 'lambdaHandler' });
    expect(parseHandler('index.handlers.main')).toEqual({ moduleRoot: '', module: 'index', exportName: 'handlers.main' });
    expect(parseHandler('nohandler')).toBeUndefined();
    expect(parseHandler('app.')).toBeUndefined();
  });
});

describe('findHandlerModule', () => {
  writeFiles(work, { 'a/app.mjs': 'export const handler = 1;', 'b/app.js': '', 'b/app.mjs': '', 'c/lib/x.cjs': '' });

  it('tries no extension, .js, .mjs, .cjs in that order', () => {
    expect(findHandlerModule(join(work, 'a'), parseHandler('app.handler')!)).toBe(join(work, 'a/app.mjs'));
    expect(findHandlerModule(join(work, 'b'), parseHandler('app.handler')!)).toBe(join(work, 'b/app.js'));
    expect(findHandlerModule(join(work, 'c'), parseHandler('lib/x.handler')!)).toBe(join(work, 'c/lib/x.cjs'));
    expect(findHandlerModule(join(work, 'c'), parseHandler('missing.handler')!)).toBeUndefined();
  });
});
