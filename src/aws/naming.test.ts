import { describe, expect, it } from 'vitest';
import { NAME_LIMITS, outputId, physicalName } from './naming.ts';

/** A logical name of 64 characters, the longest a topology allows. */
const long = (stem: string) => `${stem}${'X'.repeat(64)}`.slice(0, 64);

describe('physicalName', () => {
  it('is <prefix>-<stage>-<app>-<logical> when it fits', () => {
    expect(physicalName(['eventloom', 'dev', 'ecommerce', 'store'], 255)).toBe('eventloom-dev-ecommerce-store');
  });

  it('cuts long names to the limit with a hash that keeps them distinct', () => {
    const a = physicalName(['eventloom', 'dev', 'app', long('queueA')], NAME_LIMITS.queue);
    const b = physicalName(['eventloom', 'dev', 'app', long('queueB')], NAME_LIMITS.queue);
    expect(a).toHaveLength(NAME_LIMITS.queue);
    expect(a).toMatch(/^eventloom-dev-app-queueA.*-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
  });

  it('is stable: the same parts give the same cut name', () => {
    const parts = ['eventloom', 'dev', 'app', long('queueA')];
    expect(physicalName(parts, NAME_LIMITS.queue)).toBe(physicalName([...parts], NAME_LIMITS.queue));
  });

  it('replaces characters no resource name allows', () => {
    expect(physicalName(['eventloom', 'dev', 'my app', 'a.b/c'], 255)).toBe('eventloom-dev-my-app-a-b-c');
  });

  it('leaves room for the account and region S3 bucket names get at deploy time', () => {
    expect(NAME_LIMITS.bucket + '-123456789012-ap-southeast-5'.length).toBe(63);
  });
});

describe('outputId', () => {
  it.each([
    ['ORDERS_API_BASE_URL', 'OrdersApiBaseUrl'],
    ['DYNAMODB_TABLE_NAME', 'DynamodbTableName'],
    ['api__url', 'ApiUrl'],
  ])('turns the .env name %s into the output id %s', (envName, id) => {
    expect(outputId(envName)).toBe(id);
  });
});
