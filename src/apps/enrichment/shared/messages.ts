import { z } from 'zod';
import { contactSchema } from './contacts.ts';

/** Split queue: one per request, sent by the API. */
export const splitMessageSchema = z.object({ requestId: z.string() });
/** Batch queue: up to 100 contacts, sent by the splitter. */
export const batchMessageSchema = z.object({ requestId: z.string(), batchIndex: z.number().int().min(0), contacts: z.array(contactSchema).min(1) });
/** Finish queue: sent by the worker that sees the last batch counted. */
export const finishMessageSchema = z.object({ requestId: z.string() });
/** What the DLQ consumer needs from a message of any of the three queues. */
export const deadLetterSchema = z.object({ requestId: z.string(), batchIndex: z.number().optional() });

export type SplitMessage = z.output<typeof splitMessageSchema>;
export type BatchMessage = z.output<typeof batchMessageSchema>;
export type FinishMessage = z.output<typeof finishMessageSchema>;
export type DeadLetter = z.output<typeof deadLetterSchema>;

/** The SendMessageBatch entry id of a batch (`<requestId>-<batchIndex>`, the reference's). */
export const batchEntryId = (requestId: string, batchIndex: number) => `${requestId}-${batchIndex}`;
