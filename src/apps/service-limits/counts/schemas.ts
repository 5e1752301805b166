import { z } from 'zod';

export const countSchema = z
  .object({
    account_id: z.uuid(),
    count_type: z.string(),
    count_value: z.number().int().describe('The eventually consistent counter, maintained by the stream consumers.'),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'Count' });
export type Count = z.infer<typeof countSchema>;

export const countAccountParams = z.object({ accountId: z.uuid() });
