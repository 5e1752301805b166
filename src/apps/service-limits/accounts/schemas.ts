import { z } from 'zod';

/** The reference's default limit per account. */
export const DEFAULT_MAX_NUMBER_OF_SERVICES = 5000;

const username = z.string().min(1).max(50);
/**
 * Counters and limits a caller may set. The counter is raised after the limit check, and concurrent
 * creations can overshoot it by a few: far below 2^53, it stays a number lib-dynamodb reads back.
 */
export const COUNTER_MAX = 2 ** 31 - 1;
const counter = z.number().int().min(0).max(COUNTER_MAX);

export const accountSchema = z
  .object({
    id: z.uuid(),
    username,
    number_of_services: counter.describe('The best-effort counter, updated by the API.'),
    max_number_of_services: counter,
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'Account' });
export type Account = z.infer<typeof accountSchema>;

export const accountIdParams = z.object({ id: z.uuid() });

export const createAccountBody = z.object({ username });
export type CreateAccount = z.infer<typeof createAccountBody>;

export const updateAccountBody = z
  .object({ username: username.optional(), number_of_services: counter.optional(), max_number_of_services: counter.optional() })
  .refine((body) => Object.values(body).some((value) => value !== undefined), { message: 'give at least one of username, number_of_services, max_number_of_services' });
export type UpdateAccount = z.infer<typeof updateAccountBody>;

export const successSchema = z.object({ success: z.literal(true) }).meta({ id: 'Success' });
