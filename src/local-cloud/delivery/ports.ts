/** What delivery needs of the services it sends to, so it depends on no service's internals. */
export interface QueueSender {
  /** Synchronous: runs inside the caller's state-database transaction. */
  sendMessage(queueRef: string, message: { body: string; messageAttributes?: Record<string, { DataType: string; StringValue?: string }> }): unknown;
}

export interface FunctionInvoker {
  has(name: string): boolean;
  invoke(name: string, event: unknown): Promise<{ ok: true; payload?: unknown } | { ok: false; error: { errorType: string; errorMessage: string } }>;
}

/** PutEvents, for event bus targets and destinations (EventBridge's own service implements it). */
export interface EventPublisher {
  putEvents(entries: readonly { EventBusName: string; Source: string; DetailType: string; Detail: string; Resources?: string[]; Time?: Date }[]): {
    FailedEntryCount: number;
    Entries: readonly { ErrorCode?: string; ErrorMessage?: string }[];
  };
}
