import type { AwardRules } from '../../../machines/nomination.machine';
import { statesTagged } from '../../../machines/index';
import { awardVersionInForce, listAwardVersions } from '../../db/award-versions';
import type { Queryable } from '../../db/db';
import { attachmentKindsOf, dossierCampaignKind, liveAwardCodesOf } from '../../db/dossier-parts';
import { missingAttachments as missingFor, procedureFor } from '../../domain/attachments-rules';
import { type AwardVersion, awardInForce, toAwardRules } from '../../domain/catalogue';
import type { Policy } from '../../domain/policy';
import { nominationHardFailures } from './findings';

/** What a dossier still lacks under its campaign's procedure, for the awards of its live nominations. */
export async function dossierMissingAttachments(q: Queryable, dossierId: number, onDate: string) {
  const live = statesTagged('nomination', 'live');
  const kind = await dossierCampaignKind(q, dossierId);
  if (kind === undefined) return [];
  const codes = await liveAwardCodesOf(q, dossierId, live);
  const present = await attachmentKindsOf(q, dossierId);
  const catalogue = await listAwardVersions(q, codes);
  const awards = codes
    .map((code) => awardInForce(catalogue, code, onDate))
    .filter((a): a is AwardVersion => a !== undefined);
  return missingFor({ awards, procedure: procedureFor(kind), present });
}

/**
 * The engine's rules port (`RulesPort` in src/workflow/types.ts), over the catalogue and the register. Every call runs
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
