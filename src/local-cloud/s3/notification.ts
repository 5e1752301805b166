import type { S3EventName } from '../../platform/topology/types.ts';
import type { TargetDispatcher } from '../delivery/index.ts';
import { arn } from '../identity.ts';
import type { Stoppable } from '../services.ts';
import { matchesNotification, s3NotificationEvent, type ObjectChange } from './event.ts';
import type { S3Service } from './service.ts';

export interface BucketNotificationOptions {
  s3: S3Service;
  dispatcher: TargetDispatcher;
  bucket: string;
  functionName: string;
  /** Names the notification in each event's `s3.configurationId`. */
  configurationId: string;
  events: readonly S3EventName[];
  prefix?: string;
  suffix?: string;
  region: string;
}

/**
 * A bucket notification to a Lambda function: each matching object change is an asynchronous
 * invocation queued in the durable outbox (Lambda's async retries apply) before S3 answers the
 * write. A crash between storing the object and that insert loses the event, but the client then
 * got no success response either, so its retry of the write notifies.
 */
export class BucketNotification implements Stoppable {
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: BucketNotificationOptions) {}

  start(): void {
    this.unsubscribe ??= this.options.s3.onObjectChange((change) => this.onChange(change));
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private onChange(change: ObjectChange): void {
    const { bucket, functionName, configurationId, dispatcher, region } = this.options;
    if (change.bucket !== bucket || !matchesNotification(change, this.options)) return;
    const payload = JSON.stringify(s3NotificationEvent(change, configurationId, region));
    dispatcher.invokeAsync(arn('lambda', `function:${functionName}`, region), payload, `arn:aws:s3:::${bucket}`, configurationId);
  }
}
