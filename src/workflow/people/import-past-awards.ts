import { listAwardVersions } from '../../db/award-versions';
import { listCollectivesOfUnit } from '../../db/collectives';
import type { Queryable } from '../../db/db';
import { listPersonsOfUnit, normaliseName } from '../../db/persons';
import { addPastAward } from '../../db/register-history';
import { localYear } from '../../domain/business-date';
import {
  type ImportPreview,
  normaliseHeader,
  parsePastAwardsCsv,
  parsePastAwardsXlsx,
  type ValidRow,
} from '../../domain/people-import';
import { AppError } from '../../errors';
import { registerWriters, requireRole, requireVisibleUnit } from '../access';
import type { Actor, EngineDeps } from '../types';

export interface ImportReport {
  inserted: Array<{
    line: number;
    pastAwardId: number;
    personId: number | null;
    collectiveId: number | null;
  }>;
  /** Already recorded (same nominee, award and year): skipped. */
  duplicates: Array<{ line: number }>;
  /** Names not found in the unit (its merged predecessors included), or found more than once. */
  unresolved: Array<{ line: number; errors: string[] }>;
}

export type ImportResult =
  ({ mode: 'preview' } & ImportPreview) | ({ mode: 'commit' } & ImportPreview & ImportReport);

/**
 * Past awards from a CSV or XLSX file (legacy registers, other software's exports) for a unit's people
 * and collectives: `preview` answers the valid rows and every rejected line with its errors, writing
 * nothing; `commit` also records the valid rows, in one transaction.
 */
export async function importPastAwards(
  deps: Pick<EngineDeps, 'db' | 'now' | 'timeZone'>,
  actor: Actor,
  unitId: number,
  file: { mime: string; buffer: Buffer },
  mode: 'preview' | 'commit',
): Promise<ImportResult> {
  const { db } = deps;
  requireRole(actor, ...registerWriters);
  await requireVisibleUnit(db, actor, unitId);
  const awards = new Map<string, 'individual' | 'collective' | 'both'>();
  for (const v of await listAwardVersions(db)) awards.set(v.code, v.recipient); // the latest version wins
  const opts = { awards, maxYear: localYear(deps.now(), deps.timeZone) };
  const preview: ImportPreview =
    file.mime === 'text/csv'
      ? parsePastAwardsCsv(file.buffer.toString('utf8'), opts)
      : await parsePastAwardsXlsx(file.buffer, opts);
  if (preview.fileError)
    throw new AppError('VALIDATION_FAILED', `The file cannot be imported: ${preview.fileError}`, {
      errors: [{ field: 'file', message: preview.fileError }],
    });
  if (mode === 'preview') return { mode: 'preview', ...preview };
  const report = await db.transaction((tx) => recordImportedAwards(tx, unitId, preview.rows, actor.userId));
  return { mode: 'commit', ...preview, ...report };
}

/**
 * Each name is looked up among the unit's people or collectives (merged predecessors included); rows
 * whose name matches nobody or several are reported, not guessed.
 */
async function recordImportedAwards(
  tx: Queryable,
  unitId: number,
  rows: readonly ValidRow[],
  userId: number | null,
): Promise<ImportReport> {
  const report: ImportReport = { inserted: [], duplicates: [], unresolved: [] };
  const people = new Map<string, number[]>();
  for (const p of await listPersonsOfUnit(tx, unitId)) {
    const k = normaliseName(p.fullName);
    people.set(k, [...(people.get(k) ?? []), p.id]);
  }
  const collectives = new Map<string, number[]>();
  for (const c of await listCollectivesOfUnit(tx, unitId)) {
    const k = normaliseHeader(c.name);
    collectives.set(k, [...(collectives.get(k) ?? []), c.id]);
  }
  for (const r of rows) {
    const matches =
      r.nomineeKind === 'individual'
        ? (people.get(normaliseName(r.name)) ?? [])
        : (collectives.get(normaliseHeader(r.name)) ?? []);
    const what =
      r.nomineeKind === 'individual' ? { vi: 'cá nhân', en: 'person' } : { vi: 'tập thể', en: 'collective' };
    if (matches.length !== 1) {
      report.unresolved.push({
        line: r.line,
        errors: [
          matches.length === 0
            ? `${what.en} "${r.name}" not found in the unit / không tìm thấy ${what.vi} "${r.name}" trong đơn vị`
            : `${matches.length} ${what.en}s named "${r.name}" in the unit: record this award by hand / có ${matches.length} ${what.vi} trùng tên "${r.name}": nhập thủ công`,
        ],
      });
      continue;
    }
    const id = matches[0]!;
    const pastAwardId = await addPastAward(tx, {
      personId: r.nomineeKind === 'individual' ? id : null,
      collectiveId: r.nomineeKind === 'collective' ? id : null,
      awardCode: r.awardCode,
      year: r.year,
      decisionNumber: r.decisionNumber,
      decidedOn: r.decidedOn,
      source: 'import',
      createdBy: userId,
    });
    if (pastAwardId === null) report.duplicates.push({ line: r.line });
    else
      report.inserted.push({
        line: r.line,
        pastAwardId,
        personId: r.nomineeKind === 'individual' ? id : null,
        collectiveId: r.nomineeKind === 'collective' ? id : null,
      });
  }
  return report;
}
