import type { Queryable } from '../db/db';
import { attachmentKindsOf, awardCodesOf } from '../db/dossier-parts';
import { dossierSubmitFacts } from '../db/records';
import { missingAttachments, procedureFor } from '../domain/attachments-rules';
import { type AwardVersion, awardInForce, toAwardRules } from '../domain/catalogue';
import type { RulesPort } from './types';

/**
 * The engine's view of the award rules: catalogue versions in force on a date, required attachments per
 * procedure, and the hard rules a nomination fails. `versions` reads the catalogue (the database's
 * versioned table in production, the seed in unit tests); `hardFailures` comes from the eligibility rules.
 */
export function catalogueRules(o: {
  versions: (tx: Queryable) => Promise<readonly AwardVersion[]>;
  hardFailures?: (tx: Queryable, nominationId: number, onDate: string) => Promise<string[]>;
}): RulesPort {
  return {
    async awardRules(tx, code, onDate) {
      const v = awardInForce(await o.versions(tx), code, onDate);
      return v ? toAwardRules(v) : undefined;
    },
    async missingAttachments(tx, dossierId, onDate) {
      const all = await o.versions(tx);
      const codes = await awardCodesOf(tx, dossierId);
      const awards = codes
        .map((c) => awardInForce(all, c, onDate))
        .filter((a): a is AwardVersion => a !== undefined);
      const facts = await dossierSubmitFacts(tx, dossierId);
      const present = await attachmentKindsOf(tx, dossierId);
      return missingAttachments({ awards, procedure: procedureFor(facts.campaignKind), present }).map(
        (m) => ({
          kind: m.kind,
          message: `${m.message.vi} / ${m.message.en}`,
        }),
      );
    },
    async hardFailures(tx, nominationId, onDate) {
      return o.hardFailures ? o.hardFailures(tx, nominationId, onDate) : [];
    },
  };
}
