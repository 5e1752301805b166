export * from './batch-response.ts';
export * from './sqs-poller.ts';
export * from './sqs-records.ts';
export * from './stream-poller.ts';
export * from './kinesis-poller.ts';
export * from './stream-mapping.ts';
