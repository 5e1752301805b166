import type { FunctionRunner } from '../lambda/runner/index.ts';
import { PipeDeliveryError } from './errors.ts';

/** A Lambda enrichment: invoked synchronously with the batch, its response replaces the batch. */
export class LambdaEnrichment {
  readonly arn: string;
  private readonly functions: Pick<FunctionRunner, 'has' | 'invoke'>;
  private readonly functionName: string;

  constructor(options: { functions: Pick<FunctionRunner, 'has' | 'invoke'>; functionName: string; functionArn: string }) {
    this.functions = options.functions;
    this.functionName = options.functionName;
    this.arn = options.functionArn;
  }

  /** Throws a `PipeDeliveryError` when the function fails (the source retries the batch, enrichment included). */
  async enrich(batch: readonly unknown[]): Promise<unknown[]> {
    if (!this.functions.has(this.functionName)) throw new PipeDeliveryError('enrichment', `ResourceNotFoundException: Function not found: ${this.arn}`);
    const result = await this.functions.invoke(this.functionName, batch);
    if (!result.ok) throw new PipeDeliveryError('enrichment', `${result.error.errorType}: ${result.error.errorMessage}`);
    return enrichedBatch(result.payload);
  }
}

/**
 * The events an enrichment's response stands for, as AWS reads it: an array is the new batch
 * (shorter, longer or empty); an empty response (`null`, `""`, `{}`) is no events, so the target is
 * not called; any other value is one event.
 */
export function enrichedBatch(payload: unknown): unknown[] {
  if (Array.isArray(payload)) return payload;
  if (payload === null || payload === undefined || payload === '') return [];
  if (typeof payload === 'object' && Object.keys(payload).length === 0) return [];
  return [payload];
}
