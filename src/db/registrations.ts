import type { RegistrationView } from '../domain/eligibility';
import type { RegistrationEntry, RegistrationState } from '../domain/registration';
import type { Queryable } from './db';
import { json } from './db';
import { unitLineage } from './units';

/**
 * Emulation registrations (`registrations`, their `registration_entries` and `registration_history`):
 * what each unit aims for in a campaign. Who may move them and when is src/workflow/registrations.
 */

export interface Registration {
  id: number;
  campaignId: number;
  unitId: number;
  state: RegistrationState;
  version: number;
  returnReason: string | null;
  entries: RegistrationEntry[];
}

type RegistrationRow = {
  id: number;
  campaign_id: number;
  unit_id: number;
  state: RegistrationState;
  version: number;
  return_reason: string | null;
};

export async function readRegistration(
  q: Queryable,
  where: string,
  params: unknown[],
  lock = false,
): Promise<Registration | null> {
  const rows = await q.query<RegistrationRow>(
    `SELECT id, campaign_id, unit_id, state, version, return_reason FROM registrations WHERE ${where}${lock ? ' FOR UPDATE' : ''}`,
    params,
  );
  const r = rows[0];
  if (!r) return null;
  const entries = await q.query<{
    person_id: number | null;
    collective_id: number | null;
    award_codes: string[];
  }>(
    'SELECT person_id, collective_id, award_codes FROM registration_entries WHERE registration_id = $1 ORDER BY id',
    [r.id],
  );
  return {
    id: r.id,
    campaignId: r.campaign_id,
    unitId: r.unit_id,
    state: r.state,
    version: r.version,
    returnReason: r.return_reason,
    entries: entries.map((e) => ({
      personId: e.person_id,
      collectiveId: e.collective_id,
      awardCodes: e.award_codes,
    })),
  };
}

export const getRegistration = (
  q: Queryable,
  campaignId: number,
  unitId: number,
): Promise<Registration | null> =>
  readRegistration(q, 'campaign_id = $1 AND unit_id = $2', [campaignId, unitId]);

export const getRegistrationById = (q: Queryable, id: number): Promise<Registration | null> =>
  readRegistration(q, 'id = $1', [id]);

/**
 * The registration a nomination of `unitId` is checked against: the unit's own and those of the units
 * merged into it (a registration made before a reorganisation still speaks for the people it listed).
 * Approved if any of them is, with the entries of the approved ones; otherwise the unit's own state (or
 * the first predecessor's) with no entries; null when none registered.
 */
export async function registrationForNominations(
  q: Queryable,
  campaignId: number,
  unitId: number,
): Promise<RegistrationView | null> {
  const rows = await q.query<{
    id: number;
    unit_id: number;
    state: RegistrationState;
    person_id: number | null;
    collective_id: number | null;
    award_codes: string[] | null;
  }>(
    `${unitLineage('$2')}
     SELECT r.id, r.unit_id, r.state, e.person_id, e.collective_id, e.award_codes
     FROM registrations r LEFT JOIN registration_entries e ON e.registration_id = r.id
     WHERE r.campaign_id = $1 AND r.unit_id IN (SELECT id FROM lineage)
     ORDER BY r.unit_id <> $2, r.id, e.id`,
    [campaignId, unitId],
  );
  if (!rows.length) return null;
  const approved = rows.filter((r) => r.state === 'approved');
  if (!approved.length) return { state: rows[0]!.state, entries: [] };
  return {
    state: 'approved',
    entries: approved
      .filter((r) => r.award_codes !== null)
      .map((r) => ({ personId: r.person_id, collectiveId: r.collective_id, awardCodes: r.award_codes! })),
  };
}

export async function appendRegistrationHistory(
  q: Queryable,
  id: number,
  event: string,
  from: RegistrationState | null,
  to: RegistrationState,
  actorId: number | null,
  payload: unknown,
): Promise<void> {
  await q.query(
    `INSERT INTO registration_history (registration_id, seq, actor_id, event, from_state, to_state, payload)
     SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5, $6::jsonb FROM registration_history WHERE registration_id = $1`,
    [id, actorId, event, from, to, json(payload)],
  );
}

/** Locks the registration of a campaign and unit, creating it in draft first when there is none. */
export async function lockRegistrationCreating(
  tx: Queryable,
  campaignId: number,
  unitId: number,
  userId: number | null,
): Promise<Registration> {
  await tx.query(
    `INSERT INTO registrations (campaign_id, unit_id, state, created_by) VALUES ($1, $2, 'draft', $3)
     ON CONFLICT (campaign_id, unit_id) DO NOTHING`,
    [campaignId, unitId, userId],
  );
  return (await readRegistration(tx, 'campaign_id = $1 AND unit_id = $2', [campaignId, unitId], true))!;
}

/** Locks a registration by id (null when there is none). */
export const lockRegistration = (tx: Queryable, id: number): Promise<Registration | null> =>
  readRegistration(tx, 'id = $1', [id], true);

/** A new state (and version); `returnReason` replaces the stored reason when given. */
export async function setRegistrationState(
  tx: Queryable,
  id: number,
  state: RegistrationState,
  returnReason: string | null = null,
): Promise<void> {
  await tx.query(
    `UPDATE registrations SET state = $2, version = version + 1, updated_at = now(),
       return_reason = CASE WHEN $3::text IS NULL THEN return_reason ELSE $3::text END WHERE id = $1`,
    [id, state, returnReason],
  );
}

/** A new version of a registration whose entries change in its state. */
export async function touchRegistration(tx: Queryable, id: number): Promise<void> {
  await tx.query('UPDATE registrations SET version = version + 1, updated_at = now() WHERE id = $1', [id]);
}

/** Replaces a registration's entries. */
export async function replaceRegistrationEntries(
  tx: Queryable,
  id: number,
  entries: readonly RegistrationEntry[],
): Promise<void> {
  await tx.query('DELETE FROM registration_entries WHERE registration_id = $1', [id]);
  for (const e of entries)
    await tx.query(
      'INSERT INTO registration_entries (registration_id, person_id, collective_id, award_codes) VALUES ($1, $2, $3, $4::text[])',
      [id, e.personId, e.collectiveId, e.awardCodes],
    );
}

/** A unit's registrations in campaigns not yet completed (locked), ascending: those still in use. */
export async function openRegistrationsOfUnit(
  tx: Queryable,
  unitId: number,
): Promise<Array<{ id: number; campaignId: number; state: RegistrationState }>> {
  const rows = await tx.query<{ id: number; campaign_id: number; state: RegistrationState }>(
    `SELECT r.id, r.campaign_id, r.state FROM registrations r JOIN campaigns c ON c.id = r.campaign_id
      WHERE r.unit_id = $1 AND c.state <> 'completed' ORDER BY r.id FOR UPDATE OF r`,
    [unitId],
  );
  return rows.map((r) => ({ id: r.id, campaignId: r.campaign_id, state: r.state }));
}

export interface RegistrationHistoryRow {
  seq: number;
  at: Date;
  actorId: number | null;
  event: string;
  from: string | null;
  to: string;
  payload: Record<string, unknown>;
}

/** A registration's history, in order. */
export async function readRegistrationHistory(q: Queryable, id: number): Promise<RegistrationHistoryRow[]> {
  const rows = await q.query<{
    seq: number;
    at: Date;
    actor_id: number | null;
    event: string;
    from_state: string | null;
    to_state: string;
    payload: Record<string, unknown>;
  }>(
    `SELECT seq, at, actor_id, event, from_state, to_state, payload FROM registration_history
      WHERE registration_id = $1 ORDER BY seq`,
    [id],
  );
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    event: r.event,
    from: r.from_state,
    to: r.to_state,
    payload: r.payload,
  }));
}
