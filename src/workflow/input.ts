import { z } from 'zod';
import { AppError, type FieldError } from '../errors';

/**
 * Input checking shared by every use case and by the HTTP layer: zod issues become `[{field, message}]`
 * (one per offending field, dotted path) and a refusal is one VALIDATION_FAILED naming them.
 */
export function fieldErrorsOf(
  issues: readonly z.core.$ZodIssue[],
  prefix?: string,
  /** What an issue about the whole input is named: `body`, or `query` for the query string. */
  whole = 'body',
): FieldError[] {
  const name = (...parts: string[]) =>
    [prefix, ...parts].filter((s) => s !== undefined && s !== '').join('.') || prefix || whole;
  return issues.flatMap((i) => {
    const path = i.path.map(String).join('.');
    // An unknown key is named itself, not the object that holds it.
    if (i.code === 'unrecognized_keys')
      return i.keys.map((k) => ({ field: name(path, k), message: 'is not a known field' }));
    return [{ field: name(path), message: i.message }];
  });
}

/** A date of the records (validity, decisions, the register): PostgreSQL has no year 0, and these are in living memory. */
export const recordDate = z.iso
  .date()
  .refine((d) => d >= '1900-01-01' && d <= '2199-12-31', 'must be a date between 1900 and 2199');

/** A year of the register (ratings, awards, members). */
export const registerYear = z.number().int().min(1945).max(2100);

/** A VALIDATION_FAILED naming one field. */
export const fieldError = (field: string, message: string): AppError =>
  new AppError('VALIDATION_FAILED', `${field} ${message}`, { errors: [{ field, message }] });

/** A VALIDATION_FAILED naming several fields. */
export const invalidInput = (message: string, errors: FieldError[], extra?: Record<string, unknown>) =>
  new AppError('VALIDATION_FAILED', message, { errors, ...(extra ? { extra } : {}) });

/**
 * The input of a use case, parsed by its schema, or VALIDATION_FAILED naming every offending field
 * (under `prefix`, e.g. `entries`, when the schema checks a part of the request).
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  opts: { message?: string; prefix?: string } = {},
): z.infer<T> {
  const r = schema.safeParse(input);
  if (!r.success)
    throw invalidInput(opts.message ?? 'invalid request body', fieldErrorsOf(r.error.issues, opts.prefix));
  return r.data;
}
