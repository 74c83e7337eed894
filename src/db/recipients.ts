import type { Queryable, Row } from './db';

/** People a notice goes to: users (with their language) or a bare address (a unit's or the province's). */
export interface Addressee {
  userId: number | null;
  email: string;
  name: string;
  locale: 'vi' | 'en';
}

interface UserRow extends Row {
  id: number;
  email: string;
  full_name: string;
  locale: string;
}

const toAddressee = (r: UserRow): Addressee => ({
  userId: r.id,
  email: r.email,
  name: r.full_name,
  locale: r.locale === 'en' ? 'en' : 'vi',
});

export async function usersWithRole(q: Queryable, role: string): Promise<Addressee[]> {
  const rows = await q.query<UserRow>(
    'SELECT id, email, full_name, locale FROM users WHERE active AND $1 = ANY(roles) ORDER BY id',
    [role],
  );
  return rows.map(toAddressee);
}

/** A unit's clerks, plus the unit's own address when it has one. */
export async function unitAddressees(q: Queryable, unitId: number): Promise<Addressee[]> {
  const users = await q.query<UserRow>(
    `SELECT id, email, full_name, locale FROM users WHERE active AND unit_id = $1 AND 'unit' = ANY(roles) ORDER BY id`,
    [unitId],
  );
  const out = users.map(toAddressee);
  const unit = await q.query<{ email: string | null; name: string }>(
    'SELECT email, name FROM units WHERE id = $1',
    [unitId],
  );
  const email = unit[0]?.email;
  if (email && !out.some((a) => a.email.toLowerCase() === email.toLowerCase()))
    out.push({ userId: null, email, name: unit[0]?.name ?? '', locale: 'vi' });
  return out;
}

/**
 * Current units with clerks that have no dossier in `handedIn` states (past draft) in a campaign, theirs
 * or of a unit merged into them.
 */
export async function unitsWithoutSubmission(
  q: Queryable,
  campaignId: number,
  handedIn: readonly string[],
): Promise<number[]> {
  // A unit's lineage (itself and the units merged into it): a dossier a predecessor handed in counts.
  const rows = await q.query<{ id: number }>(
    `WITH RECURSIVE lin(root, id) AS (
       SELECT id, id FROM units WHERE valid_to IS NULL
       UNION
       SELECT l.root, u.id FROM units u JOIN lin l ON u.successor_id = l.id
     )
     SELECT u.id FROM units u
      WHERE u.valid_to IS NULL
        AND EXISTS (SELECT 1 FROM users x WHERE x.unit_id = u.id AND x.active AND 'unit' = ANY(x.roles))
        AND NOT EXISTS (SELECT 1 FROM dossiers d JOIN lin ON lin.id = d.unit_id AND lin.root = u.id
                         WHERE d.campaign_id = $1 AND d.state = ANY($2::text[]))
      ORDER BY u.id`,
    [campaignId, handedIn],
  );
  return rows.map((r) => r.id);
}
