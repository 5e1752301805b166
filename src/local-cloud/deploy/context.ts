import type { Logger } from '../../platform/log.ts';
import type { CloudServices, Stoppable } from '../services.ts';

/** What every deploy step of one stack shares (the local counterpart of src/aws's SynthContext). */
export interface DeployContext {
  readonly stack: string;
  readonly services: CloudServices;
  readonly logger: Logger;
  /** First retry delay of stream sources and pipes (tests shorten it). */
  readonly retryBaseDelayMs?: number;
  /** Pollers, pipes and notifications started for the stack, stopped with it. */
  readonly started: Stoppable[];
}
