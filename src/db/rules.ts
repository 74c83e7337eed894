import { AppError } from '../errors';
import type { AwardVersion } from '../domain/catalogue';
import {
  addDays,
  awardBodySchema,
  awardCodeSchema,
  awardPatchSchema,
  awardVersionSchema,
  defaultCatalogue,
  isoDateSchema,
  nextAwardVersion,
} from '../domain/catalogue';
import type { VoteTally } from '../domain/council';
import type { RegistrationView } from '../domain/eligibility';
import { councilSessionInputSchema, tallyVote } from '../domain/council';
import type { Policy } from '../domain/policy';
import { resolvePolicy } from '../domain/policy';
import type { RegistrationEntry, RegistrationEvent, RegistrationState } from '../domain/registration';
import {
  allowedRegistrationEvents,
  canEditRegistration,
  registrationEntrySchema,
  registrationEventSchema,
  registrationTransition,
  registrationTransitions,
  validateRegistrationEntries,
} from '../domain/registration';
import type { Db, Queryable } from './db';
import { json } from './db';
import { unitLineage } from './units';

/**
 * Award rules in the database: the versioned catalogue, emulation registrations, council sessions and
 * the policy (the eligibility of stored nominations is in stored-eligibility.ts). Functions that take a
 * `Queryable` run inside the caller's transaction (the engine's); those taking a `Db` open their own.
 */

// ---------------------------------------------------------------------------------------------------
// Catalogue

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

async function insertAwardVersion(q: Queryable, v: AwardVersion, userId: number | null): Promise<boolean> {
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
 * A new version of an award from `effectiveFrom`: the latest version with `patch` applied. The latest
 * version is closed the day before (its `effectiveTo`), so a dossier received earlier keeps the old
 * rules. A new code needs a complete body. Refuses an `effectiveFrom` not after the latest version's.
 */
export async function putAwardVersion(
  db: Db,
  code: string,
  patch: unknown,
  effectiveFrom: string,
  userId: number | null,
): Promise<AwardVersion> {
  return db.transaction((tx) => putAwardVersionTx(tx, code, patch, effectiveFrom, userId));
}

export async function putAwardVersionTx(
  tx: Queryable,
  code: string,
  patch: unknown,
  effectiveFrom: string,
  userId: number | null,
): Promise<AwardVersion> {
  if (!awardCodeSchema.safeParse(code).success)
    throw new AppError('VALIDATION_FAILED', `bad award code ${code}`, {
      errors: [{ field: 'code', message: 'upper-case code, 2 to 20 characters' }],
    });
  if (!isoDateSchema.safeParse(effectiveFrom).success)
    throw new AppError('VALIDATION_FAILED', 'effectiveFrom must be a date', {
      errors: [{ field: 'effectiveFrom', message: 'YYYY-MM-DD' }],
    });
  const parsed = awardPatchSchema.safeParse(patch);
  if (!parsed.success)
    throw new AppError('VALIDATION_FAILED', 'invalid award version', {
      errors: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  // Serialises concurrent edits of the same award (and the first version of a new code).
  await tx.query('SELECT pg_advisory_xact_lock(774412, hashtext($1))', [code]);
  const rows = await tx.query<AwardRow>(
    `SELECT ${awardCols} FROM award_versions WHERE code = $1 ORDER BY version DESC LIMIT 1 FOR UPDATE`,
    [code],
  );
  const current = rows[0] ? toAwardVersion(rows[0]) : undefined;
  let next: AwardVersion;
  try {
    if (current) {
      if (effectiveFrom <= current.effectiveFrom)
        throw new AppError('VALIDATION_FAILED', `effectiveFrom must be after ${current.effectiveFrom}`, {
          errors: [
            {
              field: 'effectiveFrom',
              message: `must be after the current version's effectiveFrom (${current.effectiveFrom})`,
            },
          ],
        });
      next = nextAwardVersion(current, parsed.data, effectiveFrom);
    } else {
      next = awardVersionSchema.parse({
        ...parsed.data,
        code,
        version: 1,
        effectiveFrom,
        effectiveTo: null,
      });
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    const issues = (e as { issues?: Array<{ path: PropertyKey[]; message: string }> }).issues ?? [];
    throw new AppError('VALIDATION_FAILED', 'invalid award version', {
      cause: e,
      errors: issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })),
    });
  }
  if (current && (current.effectiveTo === null || current.effectiveTo >= effectiveFrom))
    await tx.query('UPDATE award_versions SET effective_to = $3::date WHERE code = $1 AND version = $2', [
      code,
      current.version,
      addDays(effectiveFrom, -1),
    ]);
  await insertAwardVersion(tx, next, userId);
  return next;
}

// ---------------------------------------------------------------------------------------------------
// Registrations

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

async function readRegistration(
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

async function appendRegistrationHistory(
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

/**
 * Creates or replaces the unit's entries for a campaign. Allowed in draft, and in returned (which goes
 * back to draft: the EDIT transition). Entries are checked against the catalogue in force on `onDate`.
 */
export async function saveRegistrationEntries(
  db: Db,
  args: { campaignId: number; unitId: number; entries: unknown; userId: number | null; onDate: string },
): Promise<Registration> {
  return db.transaction((tx) => saveRegistrationEntriesTx(tx, args));
}

export async function saveRegistrationEntriesTx(
  tx: Queryable,
  args: { campaignId: number; unitId: number; entries: unknown; userId: number | null; onDate: string },
): Promise<Registration> {
  const parsed = registrationEntrySchema.array().max(2000).safeParse(args.entries);
  if (!parsed.success)
    throw new AppError('VALIDATION_FAILED', 'invalid registration entries', {
      errors: parsed.error.issues.map((i) => ({ field: `entries.${i.path.join('.')}`, message: i.message })),
    });
  const catalogue = await listAwardVersions(tx);
  const problems = validateRegistrationEntries(parsed.data, catalogue, args.onDate);
  if (problems.length)
    throw new AppError('VALIDATION_FAILED', 'invalid registration entries', {
      errors: problems.map((p) => ({
        field: `entries.${p.index}`,
        message: `${p.message.vi} / ${p.message.en}`,
      })),
    });
  await tx.query(
    `INSERT INTO registrations (campaign_id, unit_id, state, created_by) VALUES ($1, $2, 'draft', $3)
     ON CONFLICT (campaign_id, unit_id) DO NOTHING`,
    [args.campaignId, args.unitId, args.userId],
  );
  const reg = (await readRegistration(
    tx,
    'campaign_id = $1 AND unit_id = $2',
    [args.campaignId, args.unitId],
    true,
  ))!;
  if (!canEditRegistration(reg.state))
    throw new AppError('TRANSITION_NOT_ALLOWED', `a ${reg.state} registration cannot be edited`, {
      extra: { state: reg.state, allowedEvents: allowedRegistrationEvents(reg.state) },
    });
  if (reg.state === 'returned') {
    await tx.query(
      `UPDATE registrations SET state = 'draft', version = version + 1, updated_at = now() WHERE id = $1`,
      [reg.id],
    );
    await appendRegistrationHistory(tx, reg.id, 'EDIT', 'returned', 'draft', args.userId, {});
  } else
    await tx.query('UPDATE registrations SET version = version + 1, updated_at = now() WHERE id = $1', [
      reg.id,
    ]);
  await tx.query('DELETE FROM registration_entries WHERE registration_id = $1', [reg.id]);
  for (const e of parsed.data)
    await tx.query(
      'INSERT INTO registration_entries (registration_id, person_id, collective_id, award_codes) VALUES ($1, $2, $3, $4::text[])',
      [reg.id, e.personId, e.collectiveId, e.awardCodes],
    );
  return (await getRegistrationById(tx, reg.id))!;
}

/**
 * Moves a registration by the pure transition table. `roles` are the sender's roles; the route checks
 * the unit scope. SUBMIT and RESUBMIT need at least one entry.
 */
export async function sendRegistrationEvent(
  db: Db,
  registrationId: number,
  event: unknown,
  actor: { userId: number | null; roles: readonly string[] },
  expectedVersion?: number,
): Promise<Registration> {
  return db.transaction((tx) => sendRegistrationEventTx(tx, registrationId, event, actor, expectedVersion));
}

export async function sendRegistrationEventTx(
  tx: Queryable,
  registrationId: number,
  event: unknown,
  actor: { userId: number | null; roles: readonly string[] },
  expectedVersion?: number,
): Promise<Registration> {
  const parsed = registrationEventSchema.safeParse(event);
  if (!parsed.success)
    throw new AppError('VALIDATION_FAILED', 'invalid registration event', {
      errors: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  const e: RegistrationEvent = parsed.data;
  const reg = await readRegistration(tx, 'id = $1', [registrationId], true);
  if (!reg) throw new AppError('NOT_FOUND', `registration ${registrationId} not found`);
  if (expectedVersion !== undefined && expectedVersion !== reg.version)
    throw new AppError('VERSION_CONFLICT', `registration ${registrationId} is at version ${reg.version}`);
  const spec = registrationTransitions[reg.state][e.type];
  const to = registrationTransition(reg.state, e.type);
  if (!spec || !to)
    throw new AppError('TRANSITION_NOT_ALLOWED', `${e.type} is not allowed in ${reg.state}`, {
      extra: { state: reg.state, allowedEvents: allowedRegistrationEvents(reg.state, actor.roles) },
    });
  if (!spec.senders.some((s) => actor.roles.includes(s)))
    throw new AppError('FORBIDDEN', `${e.type} needs the role ${spec.senders.join(' or ')}`);
  if ((e.type === 'SUBMIT' || e.type === 'RESUBMIT') && reg.entries.length === 0)
    throw new AppError('VALIDATION_FAILED', 'a registration needs at least one entry', {
      errors: [{ field: 'entries', message: 'empty' }],
    });
  await tx.query(
    `UPDATE registrations SET state = $2, version = version + 1, updated_at = now(),
       return_reason = CASE WHEN $3::text IS NULL THEN return_reason ELSE $3::text END WHERE id = $1`,
    [reg.id, to, e.type === 'RETURN' ? e.reason : null],
  );
  await appendRegistrationHistory(tx, reg.id, e.type, reg.state, to, actor.userId, e);
  return (await getRegistrationById(tx, reg.id))!;
}

/** A campaign's year and state, or null when there is no such campaign. */
export async function campaignFacts(
  q: Queryable,
  campaignId: number,
): Promise<{ year: number; state: string; kind: string } | null> {
  const rows = await q.query<{ year: number; state: string; kind: string }>(
    'SELECT year, state, kind FROM campaigns WHERE id = $1',
    [campaignId],
  );
  return rows[0] ?? null;
}

// ---------------------------------------------------------------------------------------------------
// Council sessions

export interface CouncilMember {
  id: number;
  userId: number | null;
  fullName: string;
  role: string;
  present: boolean;
}
export interface AgendaItem {
  nominationId: number;
  position: number;
  membersTotal: number | null;
  present: number | null;
  yes: number | null;
  threshold: number | null;
  passed: boolean | null;
}
export interface CouncilSession {
  id: number;
  title: string;
  heldOn: string;
  location: string | null;
  members: CouncilMember[];
  agenda: AgendaItem[];
}

export async function createCouncilSession(
  q: Queryable,
  input: unknown,
  userId: number | null,
): Promise<CouncilSession> {
  const parsed = councilSessionInputSchema.safeParse(input);
  if (!parsed.success)
    throw new AppError('VALIDATION_FAILED', 'invalid council session', {
      errors: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  const s = parsed.data;
  const rows = await q.query<{ id: number }>(
    'INSERT INTO council_sessions (title, held_on, location, created_by) VALUES ($1, $2::date, $3, $4) RETURNING id',
    [s.title, s.heldOn, s.location ?? null, userId],
  );
  const id = rows[0]!.id;
  for (const m of s.members)
    await q.query(
      'INSERT INTO council_members (session_id, user_id, full_name, role) VALUES ($1, $2, $3, $4)',
      [id, m.userId, m.fullName, m.role],
    );
  return (await getCouncilSession(q, id))!;
}

export async function getCouncilSession(q: Queryable, id: number): Promise<CouncilSession | null> {
  const s = await q.query<{ id: number; title: string; held_on: string; location: string | null }>(
    `SELECT id, title, to_char(held_on, 'YYYY-MM-DD') AS held_on, location FROM council_sessions WHERE id = $1`,
    [id],
  );
  if (!s[0]) return null;
  const members = await q.query<{
    id: number;
    user_id: number | null;
    full_name: string;
    role: string;
    present: boolean;
  }>('SELECT id, user_id, full_name, role, present FROM council_members WHERE session_id = $1 ORDER BY id', [
    id,
  ]);
  const agenda = await q.query<{
    nomination_id: number;
    position: number;
    members_total: number | null;
    present: number | null;
    yes: number | null;
    threshold: string | number | null;
    passed: boolean | null;
  }>(
    `SELECT nomination_id, position, members_total, present, yes, threshold, passed
     FROM council_agenda WHERE session_id = $1 ORDER BY position, nomination_id`,
    [id],
  );
  return {
    id: s[0].id,
    title: s[0].title,
    heldOn: s[0].held_on,
    location: s[0].location,
    members: members.map((m) => ({
      id: m.id,
      userId: m.user_id,
      fullName: m.full_name,
      role: m.role,
      present: m.present,
    })),
    agenda: agenda.map((a) => ({
      nominationId: a.nomination_id,
      position: a.position,
      membersTotal: a.members_total,
      present: a.present,
      yes: a.yes,
      threshold: a.threshold === null ? null : Number(a.threshold),
      passed: a.passed,
    })),
  };
}

/** Marks who attended: the listed member ids present, every other member of the session absent. */
export async function setAttendance(
  q: Queryable,
  sessionId: number,
  presentMemberIds: readonly number[],
): Promise<void> {
  await q.query('UPDATE council_members SET present = (id = ANY($2::integer[])) WHERE session_id = $1', [
    sessionId,
    [...presentMemberIds],
  ]);
}

/** Puts nominations on the agenda; each must be in `councilReview`. Returns the agenda's nomination ids. */
export async function addToAgenda(
  q: Queryable,
  sessionId: number,
  nominationIds: readonly number[],
): Promise<number[]> {
  const rows = await q.query<{ id: number; state: string }>(
    'SELECT id, state FROM nominations WHERE id = ANY($1::integer[])',
    [[...nominationIds]],
  );
  const found = new Map(rows.map((r) => [r.id, r.state]));
  // Named by position in the request, as every other field error is (the id is in the message).
  const bad = nominationIds.map((id, i) => ({ id, i })).filter(({ id }) => found.get(id) !== 'councilReview');
  if (bad.length)
    throw new AppError('VALIDATION_FAILED', 'only nominations in council review can be put on the agenda', {
      errors: bad.map(({ id, i }) => ({
        field: `nominationIds.${i}`,
        message: found.has(id) ? `nomination ${id} is ${found.get(id)}` : `nomination ${id} not found`,
      })),
    });
  const max = await q.query<{ p: number }>(
    'SELECT coalesce(max(position), 0)::integer AS p FROM council_agenda WHERE session_id = $1',
    [sessionId],
  );
  let pos = max[0]?.p ?? 0;
  for (const id of nominationIds)
    await q.query(
      'INSERT INTO council_agenda (session_id, nomination_id, position) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [sessionId, id, ++pos],
    );
  return (
    await q.query<{ nomination_id: number }>(
      'SELECT nomination_id FROM council_agenda WHERE session_id = $1 ORDER BY position',
      [sessionId],
    )
  ).map((r) => r.nomination_id);
}

/**
 * Records a secret-ballot count for one agenda item, from the session's members and attendance. The
 * threshold is the one the nomination carries (its award rules at receipt), else `threshold`. Returns
 * the RECORD_VOTE payload for the nomination machine and the tally; without quorum it refuses (400), as
 * the machine would.
 */
export async function recordAgendaVote(
  q: Queryable,
  args: { sessionId: number; nominationId: number; yes: number; userId: number | null; threshold?: number },
): Promise<{ payload: { membersTotal: number; present: number; yes: number }; tally: VoteTally }> {
  const item = await q.query<{ threshold: string | null }>(
    `SELECT (n.snapshot -> 'context' -> 'rules' ->> 'voteThreshold') AS threshold
     FROM council_agenda a JOIN nominations n ON n.id = a.nomination_id
     WHERE a.session_id = $1 AND a.nomination_id = $2 FOR UPDATE OF a`,
    [args.sessionId, args.nominationId],
  );
  if (!item[0])
    throw new AppError(
      'NOT_FOUND',
      `nomination ${args.nominationId} is not on session ${args.sessionId}'s agenda`,
    );
  const threshold = item[0].threshold !== null ? Number(item[0].threshold) : args.threshold;
  if (threshold === undefined || !(threshold > 0 && threshold <= 1))
    throw new AppError('VALIDATION_FAILED', 'the nomination carries no vote threshold', {
      errors: [{ field: 'threshold', message: 'required' }],
    });
  const counts = await q.query<{ total: number; present: number }>(
    'SELECT count(*)::integer AS total, count(*) FILTER (WHERE present)::integer AS present FROM council_members WHERE session_id = $1',
    [args.sessionId],
  );
  const payload = { membersTotal: counts[0]?.total ?? 0, present: counts[0]?.present ?? 0, yes: args.yes };
  let tally: VoteTally;
  try {
    tally = tallyVote(payload, threshold);
  } catch (e) {
    throw new AppError('VALIDATION_FAILED', 'invalid vote count', {
      cause: e,
      errors: [{ field: 'yes', message: `between 0 and the ${payload.present} members present` }],
    });
  }
  if (!tally.quorum)
    throw new AppError('VALIDATION_FAILED', 'no quorum: at least two thirds of the members must be present', {
      errors: [
        {
          field: 'present',
          message: `${payload.present} of ${payload.membersTotal}; ${tally.quorumNeeded} needed`,
        },
      ],
    });
  await q.query(
    `UPDATE council_agenda SET members_total = $3, present = $4, yes = $5, threshold = $6, passed = $7, voted_at = now(),
       recorded_by = $8 WHERE session_id = $1 AND nomination_id = $2`,
    [
      args.sessionId,
      args.nominationId,
      payload.membersTotal,
      payload.present,
      payload.yes,
      threshold,
      tally.passed,
      args.userId,
    ],
  );
  return { payload, tally };
}

// ---------------------------------------------------------------------------------------------------
// Policy

/** The stored policy over the defaults (settings key `policy`). */
export async function readPolicy(q: Queryable): Promise<Policy> {
  const rows = await q.query<{ value: unknown }>("SELECT value FROM settings WHERE key = 'policy'");
  return resolvePolicy(rows[0]?.value);
}
