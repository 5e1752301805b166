import { Duration } from 'aws-cdk-lib';
import { Stream, StreamEncryption, StreamMode } from 'aws-cdk-lib/aws-kinesis';
import type { SynthContext } from './context.ts';

/**
 * One provisioned stream per declaration (shards and retention as declared, defaults 1 and 24 h),
 * encrypted with the AWS-managed key `aws/kinesis` (readers and writers in the account need no KMS
 * grant for it). Dev streams are deleted with the stack; other stages keep them, like tables.
 */
export function addKinesisStreams(ctx: SynthContext): void {
  for (const [name, def] of Object.entries(ctx.app.kinesisStreams ?? {})) {
    const stream = new Stream(ctx.stack, `${name}KinesisStream`, {
      streamName: ctx.name('kinesisStream', name),
      streamMode: StreamMode.PROVISIONED,
      shardCount: def.shardCount ?? 1,
      retentionPeriod: Duration.hours(def.retentionHours ?? 24),
      encryption: StreamEncryption.MANAGED,
      removalPolicy: ctx.dataRemovalPolicy(),
    });
    ctx.kinesisStreams.set(name, stream);
  }
}
