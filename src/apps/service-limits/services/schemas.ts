import { z } from 'zod';

export const serviceSchema = z
  .object({
    id: z.uuid(),
    account_id: z.uuid(),
    name: z.string().min(1).max(100),
    created_at: z.iso.datetime(),
    deleted: z.boolean().describe('Soft-delete flag; the modify consumer hard-deletes the item once it is counted.'),
    create_counter_processed: z.boolean().describe('Set by the insert consumer when it has counted the service.'),
  })
  .meta({ id: 'Service' });
export type Service = z.infer<typeof serviceSchema>;

export const serviceIdParams = z.object({ id: z.uuid() });
export const ownerQuery = z.object({ ownerAccountId: z.uuid() });

export const createServiceBody = z.object({ account_id: z.uuid(), name: z.string().min(1).max(100) });
export type CreateService = z.infer<typeof createServiceBody>;

export const updateServiceBody = z.object({ name: z.string().min(1).max(100) });
export type UpdateService = z.infer<typeof updateServiceBody>;

export const deletedServicesSchema = z.object({ deleted: z.number().int().min(0) }).meta({ id: 'DeletedServices' });
