import { z } from 'zod';

/** Zod issues as `{path, message}` pairs (the `errors` of a 400 and of InvalidArgumentsError), paths dotted under `prefix` (`contacts.3.first_name`). */
export function zodIssues(error: z.ZodError, prefix: readonly (string | number)[] = []): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: [...prefix, ...issue.path].map(String).join('.'), message: issue.message }));
}

/** A string at least `min` characters long once trimmed; the untrimmed value is kept (the reference's rule). */
export const trimmedString = (min: number) =>
  z.string().refine((value) => value.trim().length >= min, { message: `must be at least ${min} characters after trimming whitespace` });

/** A JSON number that is an integer ≥ 1 (`"5"` is rejected). */
export const positiveInteger = () => z.number().int().min(1);
