import { localRegion } from '../identity.ts';
import { BucketNotification } from '../s3/notification.ts';
import type { DeployContext } from './context.ts';
import type { BucketNotificationPlan } from './plan.ts';

/** Creates each bucket; an existing one keeps its objects. */
export async function deployBuckets(ctx: DeployContext, buckets: readonly string[]): Promise<void> {
  for (const bucket of buckets) await ctx.services.s3.createBucket(bucket);
}

/** Starts each bucket notification (an asynchronous invocation per matching object change). */
export function startBucketNotifications(ctx: DeployContext, notifications: readonly BucketNotificationPlan[]): void {
  for (const plan of notifications) {
    const notification = new BucketNotification({ ...plan, s3: ctx.services.s3, dispatcher: ctx.services.dispatcher, region: localRegion() });
    notification.start();
    ctx.started.push(notification);
  }
}
