import { describe, expect, it } from 'vitest';
import { uploadReference } from './upload-reference.ts';

const local = { bucket: 'enrichment-storage', endpoint: 'http://127.0.0.1:4566', region: 'us-east-1' };
const aws = { bucket: 'enrichment-storage-123456789012-eu-west-1', region: 'eu-west-1' };

describe('uploadReference', () => {
  it.each([
    ['a key', 'uploads/a.json', local],
    ['s3://<bucket>/<key>', 's3://enrichment-storage/uploads/a.json', local],
    ['the local path-style URL', 'http://127.0.0.1:4566/enrichment-storage/uploads/a.json', local],
    ['a presigned local URL (query ignored)', 'http://127.0.0.1:4566/enrichment-storage/uploads/a.json?X-Amz-Signature=abc', local],
    ['the regional virtual-hosted AWS URL', 'https://enrichment-storage-123456789012-eu-west-1.s3.eu-west-1.amazonaws.com/uploads/a.json', aws],
    ['the global virtual-hosted AWS URL', 'https://enrichment-storage-123456789012-eu-west-1.s3.amazonaws.com/uploads/a.json', aws],
  ])('accepts %s', (_, value, location) => {
    expect(uploadReference(value, location)).toEqual({ ok: true, key: 'uploads/a.json' });
  });

  it('decodes a percent-encoded key', () => {
    expect(uploadReference('s3://enrichment-storage/uploads/a%20b.json', local)).toEqual({ ok: true, key: 'uploads/a b.json' });
  });

  it.each([
    ['another host', 'https://evil.example.com/uploads/a.json', local],
    ['the metadata service', 'http://169.254.169.254/latest/meta-data/', local],
    ['another bucket on the local endpoint', 'http://127.0.0.1:4566/other-bucket/uploads/a.json', local],
    ['the local endpoint on another port', 'http://127.0.0.1:9999/enrichment-storage/uploads/a.json', local],
    ['another bucket on s3://', 's3://other-bucket/uploads/a.json', local],
    ['another bucket on AWS', 'https://other.s3.eu-west-1.amazonaws.com/uploads/a.json', aws],
    ['a look-alike AWS host', 'https://enrichment-storage-123456789012-eu-west-1.s3.eu-west-1.amazonaws.com.evil.com/uploads/a.json', aws],
    ['plain http to AWS', 'http://enrichment-storage-123456789012-eu-west-1.s3.eu-west-1.amazonaws.com/uploads/a.json', aws],
    ['credentials in the URL', 'https://user:pw@enrichment-storage-123456789012-eu-west-1.s3.amazonaws.com/uploads/a.json', aws],
    ['a file URL', 'file:///etc/passwd', local],
    ['the local URL when not on the local cloud', 'http://127.0.0.1:4566/enrichment-storage/uploads/a.json', { bucket: 'enrichment-storage' }],
  ])('refuses %s', (_, value, location) => {
    expect(uploadReference(value, location)).toMatchObject({ ok: false, message: expect.stringContaining("this service's bucket") });
  });

  it.each([
    ['a key outside uploads/', 'abc/input.json'],
    ['the bare prefix', 'uploads/'],
    ['a dot-dot segment', 'uploads/../abc/output.json'],
    ['a request output by URL', 's3://enrichment-storage/abc/output.json'],
  ])('refuses %s', (_, value) => {
    expect(uploadReference(value, local)).toMatchObject({ ok: false, message: expect.stringContaining('under uploads/') });
  });
});

describe('uploadReference refuses what cannot be an S3 key (issue 15, F4)', () => {
  it.each([
    ['a NUL', 'uploads/a\u0000.json'],
    ['a NUL percent-encoded in a URL', 's3://enrichment-storage/uploads/a%00.json'],
    ['a key over 1,024 bytes', `uploads/${'k'.repeat(1_100)}.json`],
  ])('%s', (_case, value) => {
    expect(uploadReference(value, local)).toEqual({ ok: false, message: expect.stringMatching(/must name an S3 key/) });
  });
});
