import { describe, expect, it } from 'vitest';
import { zodIssues } from '../../../../platform/validation.ts';
import { simulateRawEventSchema } from './simulateRawEvent.ts';

const valid = {
  pk: 'EVENTS#ORDER_ID#ORD001',
  sk: 'EVENT#ORDER_SHIPPED_EVENT',
  eventName: 'ORDER_SHIPPED_EVENT',
  eventData: { orderId: 'ORD001', sku: 'ORANGES', units: 2, price: 22.99, userId: '123456' },
};

function issues(body: unknown): { path: string; message: string }[] {
  const parsed = simulateRawEventSchema.safeParse(body);
  return parsed.success ? [] : zodIssues(parsed.error);
}

describe('simulateRawEventSchema (spec §3.6)', () => {
  it('accepts the four required fields and both timestamps', () => {
    const body = { ...valid, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: ' x ' };

    expect(simulateRawEventSchema.parse(body)).toEqual(body);
  });

  it('is strict: an unknown key is rejected', () => {
    expect(issues({ ...valid, extra: 1 })).toEqual([{ path: '', message: expect.stringContaining('extra') }]);
  });

  it.each(['pk', 'sk', 'eventName', 'eventData'])('requires %s', (field) => {
    expect(issues({ ...valid, [field]: undefined }).map((issue) => issue.path)).toEqual([field]);
  });

  it('says eventData is required when it is missing', () => {
    const { eventData: _omitted, ...body } = valid;

    expect(issues(body)).toEqual([{ path: 'eventData', message: 'is required (any JSON value)' }]);
  });

  it.each([null, 0, 'text', [1, 2], {}, { nested: { deep: true } }])('accepts any JSON as eventData: %j', (eventData) => {
    expect(issues({ ...valid, eventData })).toEqual([]);
  });

  describe.each(['pk', 'sk', 'eventName'])('%s', (field) => {
    it.each([
      ['', false],
      ['   ', false],
      ['x', true],
      [' x ', true],
    ])('%j accepted: %s (non-blank after trimming)', (value, accepted) => {
      expect(issues({ ...valid, [field]: value }).map((issue) => issue.path)).toEqual(accepted ? [] : [field]);
    });

    it('rejects a non-string', () => {
      expect(issues({ ...valid, [field]: 42 }).map((issue) => issue.path)).toEqual([field]);
    });
  });

  it.each(['createdAt', 'updatedAt'])('%s is optional, may be blank, must be a string', (field) => {
    expect(issues({ ...valid, [field]: '' })).toEqual([]);
    expect(issues({ ...valid, [field]: 1 }).map((issue) => issue.path)).toEqual([field]);
  });

  it('accepts any eventName, not only known ones', () => {
    expect(issues({ ...valid, eventName: 'SOMETHING_ELSE' })).toEqual([]);
  });
});
