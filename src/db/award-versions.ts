import type { AwardVersion } from '../domain/catalogue';
import { awardBodySchema, awardVersionSchema, defaultCatalogue } from '../domain/catalogue';
import type { Queryable } from './db';
import { json } from './db';

/** The versioned award catalogue (`award_versions`): one row per version of an award, with its validity. */

type AwardRow = {
  code: string;
  version: number;
  effective_from: string;
  effective_to: string | null;
  data: unknown;
};

const awardCols = `code, version, to_char(effective_from, 'YYYY-MM-DD') AS effective_from,
  to_char(effective_to, 'YYYY-MM-DD') AS effective_to, data`;

function toAwardVersion(r: AwardRow): AwardVersion {
  const data = (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Record<string, unknown>;
  return awardVersionSchema.parse({
    ...data,
    code: r.code,
    version: r.version,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
  });
}

/** The stored body: everything but the identity and validity, which live in columns. */
function bodyOf(v: AwardVersion) {
  const { code: _code, version: _version, effectiveFrom: _from, effectiveTo: _to, ...body } = v;
  return awardBodySchema.parse(body);
}

export async function insertAwardVersion(
  q: Queryable,
  v: AwardVersion,
  userId: number | null,
): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO award_versions (code, version, effective_from, effective_to, data, created_by)
     VALUES ($1, $2, $3::date, $4::date, $5::jsonb, $6) ON CONFLICT DO NOTHING RETURNING code`,
    [v.code, v.version, v.effectiveFrom, v.effectiveTo, json(bodyOf(v)), userId],
  );
  return rows.length > 0;
}

/** Seeds the default catalogue when the table is empty. Returns how many versions were inserted. */
export async function seedCatalogue(q: Queryable): Promise<number> {
  const n = await q.query<{ n: number }>('SELECT count(*)::integer AS n FROM award_versions');
  if ((n[0]?.n ?? 0) > 0) return 0;
  let inserted = 0;
  for (const v of defaultCatalogue) if (await insertAwardVersion(q, v, null)) inserted++;
  return inserted;
}

/** Every version of every award (or of the given codes), oldest first. */
export async function listAwardVersions(
  q: Queryable,
  codes?: string | readonly string[],
): Promise<AwardVersion[]> {
  const rows = await q.query<AwardRow>(
    `SELECT ${awardCols} FROM award_versions ${codes !== undefined ? 'WHERE code = ANY($1::text[])' : ''} ORDER BY code, version`,
    codes !== undefined ? [typeof codes === 'string' ? [codes] : [...codes]] : [],
  );
  return rows.map(toAwardVersion);
}

/** The version of `code` in force on `date` (YYYY-MM-DD). */
export async function awardVersionInForce(
  q: Queryable,
  code: string,
  date: string,
): Promise<AwardVersion | undefined> {
  const rows = await q.query<AwardRow>(
    `SELECT ${awardCols} FROM award_versions
     WHERE code = $1 AND effective_from <= $2::date AND (effective_to IS NULL OR effective_to >= $2::date)
     ORDER BY effective_from DESC LIMIT 1`,
    [code, date],
  );
  return rows[0] ? toAwardVersion(rows[0]) : undefined;
}

/**
 * Locks an award code for the rest of the transaction and reads its latest version: concurrent
 * revisions of one award (or the first versions of a new code) take turns.
 */
export async function lockLatestAwardVersion(tx: Queryable, code: string): Promise<AwardVersion | undefined> {
  await tx.query('SELECT pg_advisory_xact_lock(774412, hashtext($1))', [code]);
  const rows = await tx.query<AwardRow>(
    `SELECT ${awardCols} FROM award_versions WHERE code = $1 ORDER BY version DESC LIMIT 1 FOR UPDATE`,
    [code],
  );
  return rows[0] ? toAwardVersion(rows[0]) : undefined;
}

/** Ends a version's validity on `effectiveTo` (YYYY-MM-DD). */
export async function closeAwardVersion(
  tx: Queryable,
  code: string,
  version: number,
  effectiveTo: string,
): Promise<void> {
  await tx.query('UPDATE award_versions SET effective_to = $3::date WHERE code = $1 AND version = $2', [
    code,
    version,
    effectiveTo,
  ]);
}
