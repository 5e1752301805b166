import { LocalCloudError } from '../errors.ts';

/** A pipe definition the local cloud cannot run (a bad parameter, template or reference); names the pipe. */
export class PipeDefinitionError extends LocalCloudError {
  readonly pipe: string;

  constructor(pipe: string, message: string, options?: { cause?: unknown }) {
    super(`Pipe ${pipe}: ${message}`, options);
    this.pipe = pipe;
  }
}

/** A batch the enrichment or the target did not take; the source retries it (stream) or lets it reappear (SQS). */
export class PipeDeliveryError extends Error {
  override readonly name = 'PipeDeliveryError';
  /** `enrichment` or `target`: which step failed. */
  readonly step: 'enrichment' | 'target';

  constructor(step: 'enrichment' | 'target', message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.step = step;
  }
}
