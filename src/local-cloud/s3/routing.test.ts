import { describe, expect, it } from 'vitest';
import { isS3Request, sigV4Credential } from './routing.ts';

const buckets = new Set(['shop-uploads', 'apis']);
const exists = (name: string) => buckets.has(name);
const signed = (service: string) => `AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=abc`;

describe('isS3Request', () => {
  it('takes requests signed for s3, whatever the path', () => {
    expect(isS3Request({ method: 'GET', url: '/', headers: { authorization: signed('s3') } }, exists)).toBe(true);
    expect(isS3Request({ method: 'PUT', url: '/new-bucket', headers: { authorization: signed('s3') } }, exists)).toBe(true);
  });

  it('takes presigned URLs by their X-Amz-Credential scope', () => {
    const url = '/shop-uploads/a.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=local%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=abc';
    expect(isS3Request({ method: 'GET', url, headers: {} }, exists)).toBe(true);
    expect(sigV4Credential({ method: 'GET', url, headers: {} })).toEqual({ accessKeyId: 'local', service: 's3' });
  });

  it('leaves requests signed for other services alone', () => {
    expect(isS3Request({ method: 'POST', url: '/', headers: { authorization: signed('sqs') } }, exists)).toBe(false);
    expect(isS3Request({ method: 'GET', url: '/shop-uploads/a', headers: { authorization: signed('lambda') } }, exists)).toBe(false);
    expect(isS3Request({ method: 'POST', url: '/', headers: { 'x-amz-target': 'AmazonSQS.SendMessage' } }, exists)).toBe(false);
  });

  it('takes unsigned requests to an existing bucket, but never the cloud’s own routes', () => {
    expect(isS3Request({ method: 'GET', url: '/shop-uploads/a.txt', headers: {} }, exists)).toBe(true);
    expect(isS3Request({ method: 'GET', url: '/missing/a.txt', headers: {} }, exists)).toBe(false);
    expect(isS3Request({ method: 'GET', url: '/apis/shop-orders/orders', headers: {} }, exists)).toBe(false);
    expect(isS3Request({ method: 'GET', url: '/_eventloom/health', headers: {} }, exists)).toBe(false);
    expect(isS3Request({ method: 'GET', url: '/', headers: {} }, exists)).toBe(false);
    expect(isS3Request({ method: 'GET', url: '/%E0%A4%A/x', headers: {} }, exists)).toBe(false);
  });
});
