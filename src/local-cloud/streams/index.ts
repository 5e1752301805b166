export { CheckpointStore, type Checkpoint } from './checkpoints.ts';
export { StreamReaderError } from './errors.ts';
export type { StreamLogger } from './logger.ts';
export { StreamReader } from './reader.ts';
export { normaliseRecord, toWireValue, TTL_USER_IDENTITY, type AttributeValue, type DynamoDBStreamRecord, type NormaliseContext } from './records.ts';
export type { StreamBatch, StreamReaderOptions } from './types.ts';
export { StreamFeeds, tableOfStream, type StreamFeedsOptions } from './stream-feeds.ts';
