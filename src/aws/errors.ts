/** A topology the synthesizer cannot turn into CloudFormation, or bad synth options. */
export class AwsSynthError extends Error {
  override readonly name = 'AwsSynthError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
