import { describe, expect, it } from 'vitest';
import { LoadOptionsError, parseLoadOptions } from './options.ts';

describe('parseLoadOptions', () => {
  it('defaults to the reference scenario and takes the URL from the environment', () => {
    expect(parseLoadOptions([], { SERVICE_LIMITS_API_BASE_URL: 'http://127.0.0.1:4566/x/' })).toEqual({
      baseUrl: 'http://127.0.0.1:4566/x',
      rate: 200,
      durationSeconds: 20,
      maxInFlight: 1000,
      settleTimeoutSeconds: 120,
      json: false,
    });
  });

  it('lets flags win over the environment', () => {
    const options = parseLoadOptions(['--url', 'http://h/api', '--rate', '20', '--duration', '1', '--max-in-flight', '8', '--limit', '3', '--json'], { SERVICE_LIMITS_API_BASE_URL: 'http://other' });
    expect(options).toMatchObject({ baseUrl: 'http://h/api', rate: 20, durationSeconds: 1, maxInFlight: 8, limit: 3, json: true });
  });

  it('names npm start when no URL is known', () => {
    expect(() => parseLoadOptions([], {})).toThrow(/npm start/);
  });

  it('refuses a rate that is not a positive number', () => {
    expect(() => parseLoadOptions(['--rate', '0', '--url', 'http://h'], {})).toThrow(LoadOptionsError);
    expect(() => parseLoadOptions(['--limit=-1', '--url', 'http://h'], {})).toThrow(LoadOptionsError);
  });
});
