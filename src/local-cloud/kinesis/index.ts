export { provisionStream, type ProvisionedStream } from './provision.ts';
export { KinesisStreamReader, type KinesisBatch, type KinesisReaderOptions } from './reader.ts';
export { KINESIS_RECORDS, toLambdaRecord, type KinesisRecordContext } from './records.ts';
export { startKinesis, type KinesisServer } from './server.ts';
