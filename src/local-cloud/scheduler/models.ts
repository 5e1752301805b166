import { arn } from '../identity.ts';
import type { RetryPolicy } from '../../platform/topology/types.ts';

export const DEFAULT_GROUP = 'default';

/** One schedule as the service keeps it (dates in epoch ms). */
export interface ScheduleConfig {
  readonly name: string;
  readonly groupName: string;
  /** `at(…)`, `rate(…)` or `cron(…)`. */
  readonly expression: string;
  /** IANA zone the expression is read in; default `UTC`. */
  readonly timezone: string;
  readonly startDate?: number;
  readonly endDate?: number;
  readonly description?: string;
  readonly state: 'ENABLED' | 'DISABLED';
  /** FlexibleTimeWindow FLEXIBLE: the window's length; undefined is OFF. Locally a schedule fires at the window's start. */
  readonly flexibleWindowMinutes?: number;
  readonly actionAfterCompletion: 'NONE' | 'DELETE';
  readonly kmsKeyArn?: string;
  readonly target: ScheduleTarget;
  /** The stack that deployed the schedule: a later deploy of it removes the schedule once no longer declared. */
  readonly managedBy?: string;
  readonly createdAt: number;
  readonly modifiedAt: number;
}

export interface ScheduleTarget {
  /** A Lambda function, an SQS queue or an event bus. */
  readonly arn: string;
  /** Kept for GetSchedule; IAM is not evaluated locally. */
  readonly roleArn: string;
  readonly input?: string;
  readonly retryPolicy?: RetryPolicy;
  readonly deadLetterArn?: string;
  /** Required for an event bus target: the event's detail-type and source. */
  readonly eventBridgeParameters?: { readonly detailType: string; readonly source: string };
  readonly sqsMessageGroupId?: string;
}

export interface ScheduleGroupRecord {
  readonly name: string;
  readonly createdAt: number;
  readonly modifiedAt: number;
}

export function scheduleArn(group: string, name: string): string {
  return arn('scheduler', `schedule/${group}/${name}`);
}

export function groupArn(name: string): string {
  return arn('scheduler', `schedule-group/${name}`);
}
