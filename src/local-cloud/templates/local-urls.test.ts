import { describe, expect, it } from 'vitest';
import { localizeUrls } from './local-urls.ts';

const endpoints = { baseUrl: 'http://127.0.0.1:4566', apiIds: new Set(['abc123defg']), urlIds: new Set(['u'.repeat(32)]) };

describe('localizeUrls', () => {
  it('rewrites API and function URLs of local ids, wherever they sit', () => {
    expect(localizeUrls('https://abc123defg.execute-api.us-east-1.amazonaws.com/', endpoints)).toBe('http://127.0.0.1:4566/apis/abc123defg/');
    expect(localizeUrls('https://abc123defg.execute-api.eu-west-1.amazonaws.com/Prod/hello', endpoints)).toBe('http://127.0.0.1:4566/apis/abc123defg/Prod/hello');
    expect(localizeUrls('https://abc123defg.execute-api.us-east-1.amazonaws.com', endpoints)).toBe('http://127.0.0.1:4566/apis/abc123defg');
    expect(localizeUrls(`{"url":"https://${'u'.repeat(32)}.lambda-url.us-east-1.on.aws/"}`, endpoints)).toBe(`{"url":"http://127.0.0.1:4566/lambda-url/${'u'.repeat(32)}/"}`);
  });

  it('leaves other URLs alone', () => {
    const text = 'https://zzz999.execute-api.us-east-1.amazonaws.com/ and https://example.com/';

    expect(localizeUrls(text, endpoints)).toBe(text);
  });
});
