/** Raised when DynamoDB Local cannot start; `message` names the fix. */
export class DynamoDbLocalError extends Error {
  override readonly name = 'DynamoDbLocalError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
