import type { Queryable } from '../../db/db';
import { loadEligibilityInputs, type NominationLine } from '../../db/eligibility-inputs';
import { nominationIdsOfDossier } from '../../db/records';
import type { EligibilityInput, Finding } from '../../domain/eligibility';
import { evaluateNomination, hardFailureMessages, hasHardFailure } from '../../domain/eligibility';
import type { Policy } from '../../domain/policy';
import { AppError } from '../../errors';
import { readPolicy } from '../settings/read-policy';

/**
 * The eligibility findings of stored nominations, recomputed from the register at every read (never
 * stored), and the hard rules APPRAISE checks. The inputs come from the batched loader in
 * src/db/eligibility-inputs.ts; the rules are src/domain/eligibility.ts.
 */

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
  const [loaded] = await loadEligibilityInputs(q, [nominationId], {
    ...opts,
    policy: opts.policy ?? (await readPolicy(q)),
  });
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
  const loaded = await loadEligibilityInputs(q, nominationIds, {
    now,
    ...opts,
    policy: opts.policy ?? (await readPolicy(q)),
  });
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
  const ids = await nominationIdsOfDossier(q, dossierId);
  const judged = await findingsOfNominations(q, ids, now, opts);
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
