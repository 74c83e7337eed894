import type { CampaignKind } from '../domain/catalogue';
import { awardInForce, campaignKinds } from '../domain/catalogue';
import { defaultTimeZone } from '../domain/business-date';
import type { CampaignNomination, EligibilityInput, Nominee, RegistrationView } from '../domain/eligibility';
import type { Policy } from '../domain/policy';
import { listAwardVersions } from './award-versions';
import type { Queryable } from './db';
import { collectiveYearKey, loadCollectiveNominees, loadPersonNominees } from './nominees';
import { registrationForNominations } from './registrations';
import { unitLineage } from './units';

/**
 * The eligibility engine's input for stored nominations: the loader turns nominations into the plain
 * input of `evaluateNomination` (src/domain/eligibility.ts). Findings and the engine's rules port are in
 * src/workflow/eligibility.
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
  /** The policy the rules apply (thresholds, quota share, registration). */
  policy: Policy;
}

/**
 * The eligibility inputs of stored nominations, in the order of `nominationIds` (ids that do not exist
 * are left out).
 */
export async function loadEligibilityInputs(
  q: Queryable,
  nominationIds: readonly number[],
  opts: LoadOptions,
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
  const policy = opts.policy;
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
