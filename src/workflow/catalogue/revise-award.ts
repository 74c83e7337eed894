import { z } from 'zod';
import { closeAwardVersion, insertAwardVersion, lockLatestAwardVersion } from '../../db/award-versions';
import {
  addDays,
  awardCodeSchema,
  awardPatchSchema,
  awardVersionSchema,
  isoDateSchema,
  nextAwardVersion,
  type AwardVersion,
} from '../../domain/catalogue';
import { AppError } from '../../errors';
import { requireRole } from '../access';
import { changedFields, recordAdminChange } from '../audit/record-admin-change';
import { fieldErrorsOf, invalidInput } from '../input';
import type { Actor, EngineDeps } from '../types';

/** A register date: PostgreSQL has no year 0, and these are dates in living memory. */
export const catalogueDate = z.iso
  .date()
  .refine((d) => d >= '1900-01-01' && d <= '2199-12-31', 'must be a date between 1900 and 2199');

/** `PUT /api/awards/<code>`: the fields that change, and the day the new version is in force from. */
export const reviseAwardInput = awardPatchSchema.extend({ effectiveFrom: catalogueDate });

/**
 * A new version of an award from `effectiveFrom`: the latest version with `patch` applied. The latest
 * version is closed the day before (its `effectiveTo`), so a dossier received earlier keeps the old
 * rules. A new code needs a complete body. Refuses an `effectiveFrom` not after the latest version's.
 */
export async function reviseAward(
  deps: Pick<EngineDeps, 'db'> & Partial<Pick<EngineDeps, 'now'>>,
  actor: Actor,
  code: string,
  patch: unknown,
  effectiveFrom: string,
): Promise<AwardVersion> {
  requireRole(actor, 'admin');
  if (!awardCodeSchema.safeParse(code).success)
    throw new AppError('VALIDATION_FAILED', `bad award code ${code}`, {
      errors: [{ field: 'code', message: 'upper-case code, 2 to 20 characters' }],
    });
  if (!isoDateSchema.safeParse(effectiveFrom).success)
    throw new AppError('VALIDATION_FAILED', 'effectiveFrom must be a date', {
      errors: [{ field: 'effectiveFrom', message: 'YYYY-MM-DD' }],
    });
  const parsed = awardPatchSchema.safeParse(patch);
  if (!parsed.success) throw invalidInput('invalid award version', fieldErrorsOf(parsed.error.issues));
  return deps.db.transaction(async (tx) => {
    const current = await lockLatestAwardVersion(tx, code);
    if (current && effectiveFrom <= current.effectiveFrom)
      throw new AppError('VALIDATION_FAILED', `effectiveFrom must be after ${current.effectiveFrom}`, {
        errors: [
          {
            field: 'effectiveFrom',
            message: `must be after the current version's effectiveFrom (${current.effectiveFrom})`,
          },
        ],
      });
    const next = versionOrRefusal(() =>
      current
        ? nextAwardVersion(current, parsed.data, effectiveFrom)
        : awardVersionSchema.parse({ ...parsed.data, code, version: 1, effectiveFrom, effectiveTo: null }),
    );
    if (current && (current.effectiveTo === null || current.effectiveTo >= effectiveFrom))
      await closeAwardVersion(tx, code, current.version, addDays(effectiveFrom, -1));
    await insertAwardVersion(tx, next, actor.userId);
    const { version: _v, effectiveFrom: _f, effectiveTo: _t, ...fields } = next;
    await recordAdminChange(tx, {
      actor,
      kind: 'catalogue',
      action: current ? 'catalogue.revised' : 'catalogue.created',
      target: { id: code, label: next.name.vi },
      details: {
        version: next.version,
        effectiveFrom,
        ...(current
          ? {
              previousVersion: current.version,
              changes: changedFields(current, fields),
            }
          : { award: fields }),
      },
      at: deps.now?.(),
    });
    return next;
  });
}

/** The version the patch makes, or VALIDATION_FAILED naming what the complete body lacks. */
function versionOrRefusal(make: () => AwardVersion): AwardVersion {
  try {
    return make();
  } catch (e) {
    if (e instanceof z.ZodError) throw invalidInput('invalid award version', fieldErrorsOf(e.issues));
    throw e;
  }
}
