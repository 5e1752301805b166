import { Buffer } from 'node:buffer';

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const MANIFEST = 'META-INF/MANIFEST.MF';

/**
 * A copy of a jar (zip) whose `META-INF/MANIFEST.MF` is replaced by `manifest`, stored uncompressed;
 * every other entry is copied byte for byte. Only plain (non-zip64) archives, as DynamoDB Local's jar is.
 */
export function replaceManifest(jar: Buffer, manifest: string): Buffer {
  const end = jar.lastIndexOf(uint32(END_OF_CENTRAL_DIRECTORY));
  if (end < 0) throw new Error('not a zip file: no end of central directory');
  const entryCount = jar.readUInt16LE(end + 10);
  const directoryStart = jar.readUInt32LE(end + 16);
  const entries: { header: Buffer; name: string; offset: number }[] = [];
  for (let at = directoryStart, i = 0; i < entryCount; i++) {
    if (jar.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error('corrupt zip central directory');
    const length = 46 + jar.readUInt16LE(at + 28) + jar.readUInt16LE(at + 30) + jar.readUInt16LE(at + 32);
    const header = Buffer.from(jar.subarray(at, at + length));
    entries.push({ header, name: jar.toString('utf8', at + 46, at + 46 + jar.readUInt16LE(at + 28)), offset: jar.readUInt32LE(at + 42) });
    at += length;
  }
  const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
  const content = Buffer.from(manifest, 'utf8');
  const crc = crc32(content);
  const parts: Buffer[] = [];
  let written = 0;
  for (const [index, entry] of byOffset.entries()) {
    const nextOffset = byOffset[index + 1]?.offset ?? directoryStart;
    const local = entry.name === MANIFEST ? storedLocalEntry(entry.name, content, crc) : jar.subarray(entry.offset, nextOffset);
    if (entry.name === MANIFEST) patchAsStored(entry.header, content.length, crc);
    entry.header.writeUInt32LE(written, 42);
    parts.push(local);
    written += local.length;
  }
  const directory = Buffer.concat(entries.map((entry) => entry.header));
  const trailer = Buffer.from(jar.subarray(end));
  trailer.writeUInt32LE(directory.length, 12);
  trailer.writeUInt32LE(written, 16);
  return Buffer.concat([...parts, directory, trailer]);
}

function storedLocalEntry(name: string, content: Buffer, crc: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL_HEADER, 0);
  header.writeUInt16LE(10, 4); // version needed: 1.0
  header.writeUInt32LE(crc, 14);
  header.writeUInt32LE(content.length, 18);
  header.writeUInt32LE(content.length, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  return Buffer.concat([header, nameBytes, content]);
}

function patchAsStored(central: Buffer, size: number, crc: number): void {
  central.writeUInt16LE(central.readUInt16LE(8) & ~0x0008, 8); // no data descriptor follows
  central.writeUInt16LE(0, 10); // method: stored
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(size, 20);
  central.writeUInt32LE(size, 24);
}

/** A jar manifest with `Class-Path` folded into 72-byte lines, as the jar spec requires. */
export function manifestText(mainClass: string, classPath: readonly string[]): string {
  const fold = (line: string) => {
    const bytes = Buffer.from(line, 'utf8');
    const lines = [bytes.subarray(0, 70).toString('latin1')];
    for (let at = 70; at < bytes.length; at += 69) lines.push(` ${bytes.subarray(at, at + 69).toString('latin1')}`);
    return lines.join('\r\n');
  };
  return `Manifest-Version: 1.0\r\nMain-Class: ${mainClass}\r\n${fold(`Class-Path: ${classPath.join(' ')}`)}\r\n\r\n`;
}

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value, 0);
  return buffer;
}

let crcTable: Uint32Array | undefined;
function crc32(data: Buffer): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
