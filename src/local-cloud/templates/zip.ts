import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { TemplateError } from './errors.ts';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/** One file of a zip archive. */
export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
}

/**
 * Reads a zip archive (stored and deflated entries, as CDK and every zip tool write Lambda bundles;
 * no ZIP64, no encryption). node_modules has no zip library, and Node's zlib inflates the entries.
 *
 * @throws TemplateError for a damaged or unsupported archive, or an entry escaping the archive root.
 */
export function readZip(archive: Buffer, what = 'zip archive'): ZipEntry[] {
  const end = findEndOfCentralDirectory(archive, what);
  const count = archive.readUInt16LE(end + 10);
  let offset = archive.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff) throw new TemplateError(`${what}: ZIP64 archives are not supported`);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(offset) !== CENTRAL_FILE_HEADER) throw new TemplateError(`${what}: damaged central directory`);
    const flags = archive.readUInt16LE(offset + 8);
    const method = archive.readUInt16LE(offset + 10);
    const compressedSize = archive.readUInt32LE(offset + 20);
    const nameLength = archive.readUInt16LE(offset + 28);
    const extraLength = archive.readUInt16LE(offset + 30);
    const commentLength = archive.readUInt16LE(offset + 32);
    const localOffset = archive.readUInt32LE(offset + 42);
    const name = archive.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    offset += 46 + nameLength + extraLength + commentLength;
    if (flags & 0x1) throw new TemplateError(`${what}: ${name} is encrypted`);
    if (name.endsWith('/')) continue;
    safeName(name, what);
    if (archive.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER) throw new TemplateError(`${what}: damaged entry ${name}`);
    const start = localOffset + 30 + archive.readUInt16LE(localOffset + 26) + archive.readUInt16LE(localOffset + 28);
    const raw = archive.subarray(start, start + compressedSize);
    if (method !== STORED && method !== DEFLATED) throw new TemplateError(`${what}: ${name} uses compression method ${method} (only stored and deflate are supported)`);
    entries.push({ name, data: method === STORED ? Buffer.from(raw) : inflateRawSync(raw) });
  }
  return entries;
}

/** Writes a zip archive's files under `dir` (created if needed). */
export function extractZip(archive: Buffer, dir: string, what?: string): void {
  for (const entry of readZip(archive, what)) {
    const target = join(dir, entry.name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, entry.data);
  }
}

function findEndOfCentralDirectory(archive: Buffer, what: string): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes at the very end.
  const lowest = Math.max(0, archive.length - 22 - 0xffff);
  for (let at = archive.length - 22; at >= lowest; at--) {
    if (archive.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new TemplateError(`${what}: not a zip archive`);
}

// An entry named "../x" or "/etc/x" would be written outside the extraction folder ("zip slip").
function safeName(name: string, what: string): void {
  const normalized = normalize(name);
  if (isAbsolute(normalized) || normalized.startsWith(`..${sep}`) || normalized === '..') throw new TemplateError(`${what}: entry ${name} points outside the archive`);
}
