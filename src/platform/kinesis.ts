import { KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';

let client: KinesisClient | undefined;

/**
 * The Kinesis client app code shares, configured from the environment only (region, credentials,
 * and `AWS_ENDPOINT_URL_KINESIS` locally). It speaks HTTP/1.1: the SDK's default HTTP/2 handler is
 * there for SubscribeToShard (enhanced fan-out), which kinesalite lacks; PutRecord(s) and GetRecords
 * need nothing more, locally or on AWS.
 *
 * @example
 * await kinesis().send(new PutRecordCommand({ StreamName: requiredEnv('EVENTS_STREAM'), PartitionKey: id, Data: bytes }));
 */
export function kinesis(): KinesisClient {
  client ??= createKinesisClient();
  return client;
}

/** A new HTTP/1.1 Kinesis client (for callers that own and destroy it, e.g. the local cloud and tests). */
export function createKinesisClient(config: ConstructorParameters<typeof KinesisClient>[0] = {}): KinesisClient {
  return new KinesisClient({ ...config, requestHandler: new NodeHttpHandler() });
}
