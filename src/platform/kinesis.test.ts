import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, describe, expect, it } from 'vitest';
import { createKinesisClient, kinesis } from './kinesis.ts';

afterAll(() => kinesis().destroy());

describe('kinesis()', () => {
  it('is one shared client speaking HTTP/1.1', () => {
    expect(kinesis()).toBe(kinesis());
    expect(kinesis().config.requestHandler).toBeInstanceOf(NodeHttpHandler);
  });

  it('createKinesisClient keeps the given configuration and speaks HTTP/1.1', async () => {
    const client = createKinesisClient({ region: 'eu-west-1' });

    expect(await client.config.region()).toBe('eu-west-1');
    expect(client.config.requestHandler).toBeInstanceOf(NodeHttpHandler);
    client.destroy();
  });
});
