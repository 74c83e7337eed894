import { z } from 'zod';
import { statesTagged } from '../../../machines/index';
import { insertDocumentItems, nominationsAlreadyListed } from '../../db/dossier-parts';
import { lockRecords, rootUnit } from '../../db/records';
import { idSchema } from '../../domain/ids';
import { AppError } from '../../errors';
import { requireRole } from '../access';
import { parseInput } from '../input';
import { createRecord } from '../engine/create-record';
import { inTransaction } from '../engine/tx';
import type { Actor, EngineDeps, RecordView } from '../types';
import { viewRecord } from '../engine/views';

export const createDocumentInput = z
  .object({
    nominationIds: z.array(idSchema).min(1).max(2000),
    title: z.string().trim().min(1).max(500).optional(),
  })
  .strict();

const waitingState = { decision: 'awaitingDecision', submission: 'awaitingForwarding' } as const;
const defaultTitle = {
  decision: 'Quyết định về việc tặng danh hiệu thi đua và hình thức khen thưởng',
  submission: 'Tờ trình đề nghị khen thưởng',
} as const;

/**
 * The office drafts a decision (awards within the department's authority) or a submission to the
 * province (awards above it) listing nominations that wait for one. A nomination is listed in one live
 * document at a time.
 */
export async function createDocument(
  deps: EngineDeps,
  actor: Actor,
  type: 'decision' | 'submission',
  input: unknown,
): Promise<RecordView> {
  requireRole(actor, 'office');
  const d = parseInput(createDocumentInput, input);
  const ids = [...new Set(d.nominationIds)].sort((a, b) => a - b);
  return inTransaction(deps, async (ctx) => {
    const rows = await lockRecords(ctx.tx, 'nomination', ids);
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.filter((id) => !found.has(id));
    const wrong = rows.filter((r) => r.state !== waitingState[type]).map((r) => r.id);
    if (missing.length > 0 || wrong.length > 0)
      throw new AppError('VALIDATION_FAILED', `every nomination must exist and be ${waitingState[type]}`, {
        errors: [
          ...missing.map((id) => ({ field: 'nominationIds', message: `nomination ${id} does not exist` })),
          ...wrong.map((id) => ({
            field: 'nominationIds',
            message: `nomination ${id} is not ${waitingState[type]}`,
          })),
        ],
      });
    const listed = await nominationsAlreadyListed(ctx.tx, type, ids, statesTagged(type, 'holding'));
    if (listed.length > 0)
      throw new AppError('VALIDATION_FAILED', `nominations already listed in another ${type}`, {
        errors: listed.map((id) => ({
          field: 'nominationIds',
          message: `nomination ${id} is already listed`,
        })),
      });
    const issuer = await rootUnit(ctx.tx);
    if (!issuer) throw new AppError('TRANSITION_NOT_ALLOWED', 'the department (root unit) is not set up');
    const id = await createRecord(ctx, actor, type, {
      title: d.title ?? defaultTitle[type],
      issuer_unit_id: issuer.id,
    });
    await insertDocumentItems(ctx.tx, type, id, ids);
    return viewRecord(ctx.tx, ctx.now, actor, type, id);
  });
}
