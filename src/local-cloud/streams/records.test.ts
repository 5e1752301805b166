import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { normaliseRecord } from './records.ts';

const streamArn = 'arn:aws:dynamodb:ddblocal:000000000000:table/orders/stream/2026-01-01T00:00:00.000';
const context = { streamArn, region: 'eu-west-1' };

/** A record as the SDK hands it over after reading DynamoDB Local (Date and Uint8Array included). */
function sdkRecord(overrides: Partial<_Record> = {}): _Record {
  return {
    eventID: 'e-1',
    eventName: 'MODIFY',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'ddblocal',
    dynamodb: {
      ApproximateCreationDateTime: new Date('2026-01-01T10:00:42.900Z'),
      Keys: { pk: { S: 'order#1' } },
      NewImage: { pk: { S: 'order#1' }, total: { N: '12' } },
      OldImage: { pk: { S: 'order#1' }, total: { N: '10' } },
      SequenceNumber: '000000000000000000007',
      SizeBytes: 40,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    ...overrides,
  };
}

describe('normaliseRecord', () => {
  it('produces the record AWS delivers to Lambda', () => {
    const record = normaliseRecord(sdkRecord(), context);

    expect(record).toEqual({
      eventID: 'e-1',
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-west-1',
      eventSourceARN: streamArn,
      dynamodb: {
        ApproximateCreationDateTime: Date.UTC(2026, 0, 1, 10, 0, 42) / 1000,
        Keys: { pk: { S: 'order#1' } },
        NewImage: { pk: { S: 'order#1' }, total: { N: '12' } },
        OldImage: { pk: { S: 'order#1' }, total: { N: '10' } },
        SequenceNumber: '000000000000000000007',
        SizeBytes: 40,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
  });

  it('turns the creation time into whole epoch seconds', () => {
    const record = normaliseRecord(sdkRecord(), context);

    expect(Number.isInteger(record.dynamodb.ApproximateCreationDateTime)).toBe(true);
    expect(record.dynamodb.ApproximateCreationDateTime).toBe(1767261642);
  });

  it('encodes binary attributes as base64, also inside lists and maps', () => {
    const bytes = new Uint8Array([0, 1, 2, 250]);
    const input = sdkRecord({
      eventName: 'INSERT',
      dynamodb: {
        ...sdkRecord().dynamodb,
        OldImage: undefined,
        NewImage: {
          pk: { S: 'order#1' },
          blob: { B: bytes },
          blobs: { BS: [bytes, new Uint8Array([255])] },
          nested: { M: { list: { L: [{ B: new Uint8Array([1]) }, { N: '1' }, { NULL: true }, { BOOL: false }] } } },
          tags: { SS: ['a', 'b'] },
        },
      },
    });

    const record = normaliseRecord(input, context);

    expect(record.dynamodb.NewImage).toEqual({
      pk: { S: 'order#1' },
      blob: { B: 'AAEC+g==' },
      blobs: { BS: ['AAEC+g==', '/w=='] },
      nested: { M: { list: { L: [{ B: 'AQ==' }, { N: '1' }, { NULL: true }, { BOOL: false }] } } },
      tags: { SS: ['a', 'b'] },
    });
    expect(record.dynamodb).not.toHaveProperty('OldImage');
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
  });

  it('turns a DynamoDB Local TTL delete into a REMOVE by the DynamoDB service', () => {
    const input = sdkRecord({ eventName: 'UNKNOWN_TO_SDK_VERSION' as _Record['eventName'], userIdentity: undefined });

    const record = normaliseRecord(input, context);

    expect(record.eventName).toBe('REMOVE');
    expect(record.userIdentity).toEqual({ type: 'Service', principalId: 'dynamodb.amazonaws.com' });
  });

  it('keeps a userIdentity AWS sent and adds none to ordinary writes', () => {
    const ttl = sdkRecord({ eventName: 'REMOVE', userIdentity: { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' } });

    expect(normaliseRecord(ttl, context).userIdentity).toEqual({ type: 'Service', principalId: 'dynamodb.amazonaws.com' });
    expect(normaliseRecord(sdkRecord(), context)).not.toHaveProperty('userIdentity');
  });
});
