import type { AppDef } from '../../platform/topology/types.ts';
import { localRegion } from '../identity.ts';
import { physicalName } from '../naming.ts';
import type { CloudServices, Stoppable } from '../services.ts';
import { BucketNotification } from './notification.ts';

/** Starts one notification per `s3` trigger of the app's functions (buckets already exist). */
export function startBucketNotifications(app: AppDef, services: CloudServices): Stoppable[] {
  const notifications: BucketNotification[] = [];
  for (const [logical, fn] of Object.entries(app.functions ?? {})) {
    const functionName = physicalName(app, logical);
    (fn.triggers ?? []).forEach((trigger, index) => {
      if (trigger.type !== 's3') return;
      const notification = new BucketNotification({
        s3: services.s3,
        dispatcher: services.dispatcher,
        bucket: physicalName(app, trigger.bucket),
        functionName,
        configurationId: `${functionName}-s3-${index}`,
        events: trigger.events ?? ['s3:ObjectCreated:*'],
        ...(trigger.prefix !== undefined && { prefix: trigger.prefix }),
        ...(trigger.suffix !== undefined && { suffix: trigger.suffix }),
        region: localRegion(),
      });
      notification.start();
      notifications.push(notification);
    });
  }
  return notifications;
}
