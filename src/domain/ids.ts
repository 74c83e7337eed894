import { z } from 'zod';

/** The largest PostgreSQL `integer`: every id of the schema is one. */
export const MAX_ID = 2147483647;

/** An id in a JSON body: a positive PostgreSQL integer (a larger number is bad input, not a 500). */
export const idSchema = z.number().int().positive().max(MAX_ID);

/** The same id in a path or a query string, where it arrives as text. */
export const idParamSchema = z.coerce.number().int().positive().max(MAX_ID);
