/** What delivery needs of the services it sends to, so it depends on no service's internals. */
export interface QueueSender {
  /** Synchronous: runs inside the caller's state-database transaction. */
  sendMessage(queueRef: string, message: { body: string; messageAttributes?: Record<string, { DataType: string; StringValue?: string }> }): unknown;
}

export interface FunctionInvoker {
  has(name: string): boolean;
  invoke(name: string, event: unknown): Promise<{ ok: true } | { ok: false; error: { errorType: string; errorMessage: string } }>;
}
