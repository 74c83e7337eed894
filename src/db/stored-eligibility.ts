import { statesTagged } from '../../machines/index';
import type { AwardRules } from '../../machines/nomination.machine';
import { AppError } from '../errors';
import { missingAttachments as missingFor, procedureFor } from '../domain/attachments-rules';
import type { AwardVersion, CampaignKind } from '../domain/catalogue';
import { awardInForce, campaignKinds, toAwardRules } from '../domain/catalogue';
import type {
  CampaignNomination,
  EligibilityInput,
  Finding,
  Nominee,
  RegistrationView,
} from '../domain/eligibility';
import { evaluateNomination, hardFailureMessages, hasHardFailure } from '../domain/eligibility';
import { defaultTimeZone } from '../domain/business-date';
import type { Policy } from '../domain/policy';
import type { Queryable } from './db';
import { unitLineage } from './units';
import { collectiveYearKey, loadCollectiveNominees, loadPersonNominees } from './people';
import { awardVersionInForce, listAwardVersions, readPolicy, registrationForNominations } from './rules';

/**
 * Eligibility of stored nominations: the loader that turns nominations into the eligibility engine's
 * plain input, the findings shown on a nomination and on a dossier, and the engine's rules port.
 *
 * The loader is batched: the inputs of any number of nominations cost a fixed number of queries (the
 * nominations, the catalogue versions of their awards, the people and collectives with their history,
 * and per campaign and unit its nominations and registration, merged predecessors' included), so a
 * dossier of 200 nominations is judged in about as many round trips as one nomination.
 */

type NominationRow = {
  id: number;
  unit_id: number;
  campaign_id: number;
  award_code: string;
  nominee_kind: 'individual' | 'collective';
  nominee_name: string;
  state: string;
  person_id: number | null;
  collective_id: number | null;
  campaign_year: number;
  campaign_kind: string;
  as_of: string | null;
};

/** A nomination as its dossier lists it. */
export interface NominationLine {
  nominationId: number;
  awardCode: string;
  nomineeKind: 'individual' | 'collective';
  nomineeName: string;
  state: string;
}

/** What the loader makes of one stored nomination. */
export type StoredInput = { line: NominationLine } & (
  | { input: EligibilityInput }
  /** The award has no catalogue version in force on the day it is judged by. */
  | { notInForce: { awardCode: string; asOf: string } }
  /** Judged by the receipt day, and the dossier was never submitted (no day to judge by). */
  | { noDay: true }
);

export interface LoadOptions {
  /** Judge every nomination as of this day (YYYY-MM-DD). */
  asOf?: string;
  /**
   * Without `asOf`: judge by the dossier's receipt day in the business time zone, or, before receipt,
   * by `now`'s day. Without `now` either, by the submission day.
   */
  now?: Date;
  /** The business time zone the receipt day is taken in (`TZ_BUSINESS`; default Asia/Ho_Chi_Minh). */
  timeZone?: string;
  policy?: Policy;
}

/**
 * The eligibility inputs of stored nominations, in the order of `nominationIds` (ids that do not exist
 * are left out).
 */
export async function loadEligibilityInputs(
  q: Queryable,
  nominationIds: readonly number[],
  opts: LoadOptions = {},
): Promise<StoredInput[]> {
  const ids = [...new Set(nominationIds)];
  if (!ids.length) return [];
  const rows = await q.query<NominationRow>(
    `SELECT n.id, n.unit_id, n.campaign_id, n.award_code, n.nominee_kind, n.nominee_name, n.state, n.person_id, n.collective_id,
       c.year AS campaign_year, c.kind AS campaign_kind,
       coalesce($2::text, to_char(coalesce(d.received_at, $3::timestamptz, d.submitted_at) AT TIME ZONE $4::text, 'YYYY-MM-DD')) AS as_of
     FROM nominations n JOIN campaigns c ON c.id = n.campaign_id JOIN dossiers d ON d.id = n.dossier_id
     WHERE n.id = ANY($1::integer[])`,
    [ids, opts.asOf ?? null, opts.now ?? null, opts.timeZone ?? defaultTimeZone],
  );
  if (!rows.length) return [];
  const versions = await listAwardVersions(q, [...new Set(rows.map((r) => r.award_code))]);
  const persons = await loadPersonNominees(
    q,
    rows.filter((r) => r.nominee_kind !== 'collective' && r.person_id !== null).map((r) => r.person_id!),
  );
  const collectives = await loadCollectiveNominees(
    q,
    rows
      .filter((r) => r.nominee_kind === 'collective' && r.collective_id !== null)
      .map((r) => ({ collectiveId: r.collective_id!, year: r.campaign_year })),
  );
  const policy = opts.policy ?? (await readPolicy(q));
  // Per campaign and unit: its nominations (its merged predecessors' included) and its registration.
  const context = new Map<
    string,
    { unitNominations: CampaignNomination[]; registration: RegistrationView | null }
  >();
  for (const r of rows) {
    const key = `${r.campaign_id}:${r.unit_id}`;
    if (context.has(key)) continue;
    const unitNominations = (
      await q.query<{
        id: number;
        award_code: string;
        person_id: number | null;
        collective_id: number | null;
        state: string;
      }>(
        `${unitLineage('$2')}
         SELECT id, award_code, person_id, collective_id, state FROM nominations
         WHERE campaign_id = $1 AND unit_id IN (SELECT id FROM lineage) ORDER BY id`,
        [r.campaign_id, r.unit_id],
      )
    ).map((n): CampaignNomination => ({
      id: n.id,
      awardCode: n.award_code,
      personId: n.person_id,
      collectiveId: n.collective_id,
      state: n.state,
    }));
    context.set(key, {
      unitNominations,
      registration: await registrationForNominations(q, r.campaign_id, r.unit_id),
    });
  }

  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: StoredInput[] = [];
  for (const nominationId of ids) {
    const n = byId.get(nominationId);
    if (!n) continue;
    const line: NominationLine = {
      nominationId,
      awardCode: n.award_code,
      nomineeKind: n.nominee_kind,
      nomineeName: n.nominee_name,
      state: n.state,
    };
    if (n.as_of === null) {
      out.push({ line, noDay: true });
      continue;
    }
    const award = awardInForce(versions, n.award_code, n.as_of);
    if (!award) {
      out.push({ line, notInForce: { awardCode: n.award_code, asOf: n.as_of } });
      continue;
    }
    const kind = (campaignKinds as readonly string[]).includes(n.campaign_kind)
      ? (n.campaign_kind as CampaignKind)
      : 'annual';
    const nominee: Nominee =
      (n.nominee_kind === 'collective'
        ? n.collective_id !== null
          ? collectives.get(collectiveYearKey(n.collective_id, n.campaign_year))
          : undefined
        : n.person_id !== null
          ? persons.get(n.person_id)
          : undefined) ?? unregisteredNominee(n);
    const { unitNominations, registration } = context.get(`${n.campaign_id}:${n.unit_id}`)!;
    out.push({
      line,
      input: {
        award,
        asOf: n.as_of,
        campaign: { year: n.campaign_year, kind },
        nominationId: n.id,
        nominee,
        unitNominations,
        registration,
        policy,
      },
    });
  }
  return out;
}

/** A nominee outside the register has no recorded history: judged on what the dossier says. */
function unregisteredNominee(n: NominationRow): Nominee {
  return n.nominee_kind === 'collective'
    ? {
        kind: 'collective',
        collectiveId: null,
        name: n.nominee_name,
        memberCount: 0,
        pastAwards: [],
        members: [],
      }
    : {
        kind: 'individual',
        personId: null,
        name: n.nominee_name,
        pastAwards: [],
        ratings: [],
        initiatives: [],
        disciplines: [],
      };
}

/**
 * Everything `evaluateNomination` needs for one stored nomination: the award version in force on
 * `asOf` (default: the dossier's receipt day in the business time zone, else its submission day), the
 * nominee's history, the unit's nominations in the campaign (its merged predecessors' included) and
 * its registration. Returns null when the nomination does not exist.
 */
export async function loadEligibilityInput(
  q: Queryable,
  nominationId: number,
  opts: { asOf?: string; policy?: Policy } = {},
): Promise<EligibilityInput | null> {
  const [loaded] = await loadEligibilityInputs(q, [nominationId], opts);
  if (!loaded) return null;
  if ('noDay' in loaded)
    throw new AppError(
      'VALIDATION_FAILED',
      `nomination ${nominationId}'s dossier has not been submitted: give asOf`,
      { errors: [{ field: 'asOf', message: 'required before the dossier is received' }] },
    );
  if ('notInForce' in loaded)
    throw new AppError(
      'NOT_FOUND',
      `no version of award ${loaded.notInForce.awardCode} in force on ${loaded.notInForce.asOf}`,
    );
  return loaded.input;
}

/** Loads and evaluates a stored nomination. */
export async function evaluateStoredNomination(
  q: Queryable,
  nominationId: number,
  opts: { asOf?: string; policy?: Policy } = {},
): Promise<{ input: EligibilityInput; findings: Finding[] } | null> {
  const input = await loadEligibilityInput(q, nominationId, opts);
  return input ? { input, findings: evaluateNomination(input) } : null;
}

/** An award with no version in force on the day: a failing hard finding, so the nomination stays readable. */
function notInForceFinding(awardCode: string, asOf: string): Finding {
  return {
    rule: `${awardCode}.inForce`,
    legalBasis: {
      vi: 'Danh mục danh hiệu, hình thức khen thưởng của Sở (theo ngày hiệu lực)',
      en: "The department's award catalogue (by effective date)",
    },
    outcome: 'fail',
    hard: true,
    explanation: {
      vi: `Danh hiệu ${awardCode} không có phiên bản nào có hiệu lực ngày ${asOf}.`,
      en: `No version of ${awardCode} is in force on ${asOf}.`,
    },
  };
}

/** One nomination's findings, as shown on it and on its dossier. */
export interface NominationFindings extends NominationLine {
  /** The day the nomination is judged by (its dossier's receipt day, or today before receipt). */
  asOf: string;
  /** The catalogue version of the award in force that day, null if none. */
  awardVersion: number | null;
  findings: Finding[];
}

/**
 * The findings of stored nominations, recomputed from their inputs at every call so that they follow
 * them (a rating recorded, a past award imported, a quota filled). Each is judged by the catalogue
 * version in force on its dossier's receipt day in the business time zone, or on `now`'s day while the
 * dossier has not been received (the same day APPRAISE judges by).
 */
export async function findingsOfNominations(
  q: Queryable,
  nominationIds: readonly number[],
  now: Date,
  opts: { policy?: Policy; timeZone?: string } = {},
): Promise<NominationFindings[]> {
  const loaded = await loadEligibilityInputs(q, nominationIds, { now, ...opts });
  return loaded.map((l): NominationFindings => {
    if ('input' in l)
      return {
        ...l.line,
        asOf: l.input.asOf,
        awardVersion: l.input.award.version,
        findings: evaluateNomination(l.input),
      };
    // `now` gives every nomination a day to be judged by: only a missing catalogue version is left.
    if ('noDay' in l) throw new Error(`nomination ${l.line.nominationId}: no day to judge by`);
    const { awardCode, asOf } = l.notInForce;
    return {
      ...l.line,
      asOf,
      awardVersion: null,
      findings: [notInForceFinding(awardCode, asOf)],
    };
  });
}

/** The findings shown on a nomination (`GET /api/nominations/:id`). */
export async function nominationFindings(
  q: Queryable,
  nominationId: number,
  now: Date,
  opts: { policy?: Policy; timeZone?: string } = {},
): Promise<Finding[]> {
  const [r] = await findingsOfNominations(q, [nominationId], now, opts);
  return r?.findings ?? [];
}

/** A dossier's nominations with their findings, in the dossier's order (`GET /api/dossiers/:id/findings`). */
export interface DossierFindings {
  dossierId: number;
  items: Array<
    NominationFindings & {
      /** No hard rule fails. */
      eligible: boolean;
      counts: { pass: number; warn: number; fail: number };
    }
  >;
  summary: { nominations: number; eligible: number; withHardFailure: number; withWarning: number };
}

export async function dossierFindings(
  q: Queryable,
  dossierId: number,
  now: Date,
  opts: { policy?: Policy; timeZone?: string } = {},
): Promise<DossierFindings> {
  const ids = await q.query<{ id: number }>('SELECT id FROM nominations WHERE dossier_id = $1 ORDER BY id', [
    dossierId,
  ]);
  const judged = await findingsOfNominations(
    q,
    ids.map((r) => r.id),
    now,
    opts,
  );
  const items = judged.map((f) => {
    const counts = { pass: 0, warn: 0, fail: 0 };
    for (const x of f.findings) counts[x.outcome]++;
    return { ...f, eligible: !hasHardFailure(f.findings), counts };
  });
  return {
    dossierId,
    items,
    summary: {
      nominations: items.length,
      eligible: items.filter((i) => i.eligible).length,
      withHardFailure: items.filter((i) => !i.eligible).length,
      withWarning: items.filter((i) => i.counts.warn > 0).length,
    },
  };
}

/**
 * The hard rules a stored nomination fails on `onDate`, one line each: the `hardFailures` of the engine's
 * RulesPort.
 */
export async function nominationHardFailures(
  tx: Queryable,
  nominationId: number,
  onDate: string,
  opts: { locale?: 'vi' | 'en'; policy?: Policy } = {},
): Promise<string[]> {
  const r = await evaluateStoredNomination(tx, nominationId, {
    asOf: onDate,
    ...(opts.policy ? { policy: opts.policy } : {}),
  });
  return r ? hardFailureMessages(r.findings, opts.locale ?? 'vi') : [];
}

/** What a dossier still lacks under its campaign's procedure, for the awards of its live nominations. */
export async function dossierMissingAttachments(q: Queryable, dossierId: number, onDate: string) {
  const live = statesTagged('nomination', 'live');
  const d = await q.query<{ kind: string }>(
    'SELECT c.kind FROM dossiers d JOIN campaigns c ON c.id = d.campaign_id WHERE d.id = $1',
    [dossierId],
  );
  if (!d[0]) return [];
  const codes = await q.query<{ award_code: string }>(
    'SELECT DISTINCT award_code FROM nominations WHERE dossier_id = $1 AND state = ANY($2::text[])',
    [dossierId, live],
  );
  const present = await q.query<{ kind: string }>(
    'SELECT DISTINCT kind FROM attachments WHERE dossier_id = $1',
    [dossierId],
  );
  const catalogue = await listAwardVersions(
    q,
    codes.map((c) => c.award_code),
  );
  const awards = codes
    .map((c) => awardInForce(catalogue, c.award_code, onDate))
    .filter((a): a is AwardVersion => a !== undefined);
  return missingFor({ awards, procedure: procedureFor(d[0].kind), present: present.map((p) => p.kind) });
}

/**
 * The engine's rules port (`RulesPort` in src/workflow/types.ts), backed by these tables. Every call runs
 * in the caller's transaction; the policy is read there too unless `policy` is given.
 */
export function createRulesPort(opts: { locale?: 'vi' | 'en'; policy?: () => Promise<Policy> } = {}) {
  const locale = opts.locale ?? 'vi';
  return {
    async awardRules(tx: Queryable, code: string, onDate: string): Promise<AwardRules | undefined> {
      const v = await awardVersionInForce(tx, code, onDate);
      return v ? toAwardRules(v) : undefined;
    },
    async missingAttachments(
      tx: Queryable,
      dossierId: number,
      onDate: string,
    ): Promise<Array<{ kind: string; message: string }>> {
      return (await dossierMissingAttachments(tx, dossierId, onDate)).map((m) => ({
        kind: m.kind,
        message: m.message[locale],
      }));
    },
    async hardFailures(tx: Queryable, nominationId: number, onDate: string): Promise<string[]> {
      const policy = opts.policy ? await opts.policy() : undefined;
      return nominationHardFailures(tx, nominationId, onDate, { locale, ...(policy ? { policy } : {}) });
    },
  };
}
