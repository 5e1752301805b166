import type {
  CancelMessageMoveTaskCommandInput,
  CancelMessageMoveTaskResult,
  ListMessageMoveTasksCommandInput,
  ListMessageMoveTasksResult,
  ListMessageMoveTasksResultEntry,
  StartMessageMoveTaskCommandInput,
  StartMessageMoveTaskResult,
} from '@aws-sdk/client-sqs';
import { optionalInteger, optionalString, requiredString, type Input } from './api-input.ts';
import type { MoveTask } from './move-tasks.ts';
import type { SqsService } from './service.ts';

/** StartMessageMoveTask, ListMessageMoveTasks and CancelMessageMoveTask (a dead-letter queue redrive). */
export function moveOperations(sqs: SqsService): Record<string, (input: Input) => unknown> {
  return {
    StartMessageMoveTask: (raw): StartMessageMoveTaskResult => {
      const input: StartMessageMoveTaskCommandInput = {
        SourceArn: requiredString(raw, 'SourceArn'),
        DestinationArn: optionalString(raw, 'DestinationArn'),
        MaxNumberOfMessagesPerSecond: optionalInteger(raw, 'MaxNumberOfMessagesPerSecond'),
      };
      return { TaskHandle: sqs.startMessageMoveTask(input.SourceArn!, input.DestinationArn, input.MaxNumberOfMessagesPerSecond) };
    },

    ListMessageMoveTasks: (raw): ListMessageMoveTasksResult => {
      const input: ListMessageMoveTasksCommandInput = { SourceArn: requiredString(raw, 'SourceArn'), MaxResults: optionalInteger(raw, 'MaxResults') };
      return { Results: sqs.listMessageMoveTasks(input.SourceArn!, input.MaxResults).map(toResultEntry) };
    },

    CancelMessageMoveTask: (raw): CancelMessageMoveTaskResult => {
      const input: CancelMessageMoveTaskCommandInput = { TaskHandle: requiredString(raw, 'TaskHandle') };
      return { ApproximateNumberOfMessagesMoved: sqs.cancelMessageMoveTask(input.TaskHandle!) };
    },
  };
}

/** As AWS lists a task: the handle only while it runs, the destination and rate only when given, the reason only when it failed. */
export function toResultEntry(task: MoveTask): ListMessageMoveTasksResultEntry {
  return {
    ...(task.status === 'RUNNING' && { TaskHandle: task.taskHandle }),
    Status: task.status,
    SourceArn: task.sourceArn,
    ...(task.destinationArn !== undefined && { DestinationArn: task.destinationArn }),
    ...(task.maxNumberOfMessagesPerSecond !== undefined && { MaxNumberOfMessagesPerSecond: task.maxNumberOfMessagesPerSecond }),
    ApproximateNumberOfMessagesMoved: task.moved,
    ApproximateNumberOfMessagesToMove: task.toMove,
    ...(task.failureReason !== undefined && { FailureReason: task.failureReason }),
    StartedTimestamp: task.startedAt,
  };
}
