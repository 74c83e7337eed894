import { cancelArmedTimer, claimTimer, readTimer } from '../db/timers';
import { lockRecord } from '../db/records';
import { applyEvent } from './apply-event';
import { definitionOf, metaOf } from './machine-runtime';
import { queueNoticesFor } from './notify';
import { inTransaction } from './tx';
import { systemActor, type EngineDeps } from './types';

export type FireOutcome =
  | { outcome: 'fired'; event?: string }
  | { outcome: 'stale' | 'not-armed' | 'missing' }
  | { outcome: 'early'; dueAt: Date };

/**
 * A timer's job arrived. Re-read everything under lock: a timer for a state entry the record has left,
 * or one already fired by another worker, does nothing. Otherwise claim it and act: the deadline itself
 * goes through the machine as DEADLINE_PASSED; a reminder or an escalation is a notice.
 */
export async function fireTimer(deps: EngineDeps, timerId: number): Promise<FireOutcome> {
  return inTransaction(deps, async (ctx): Promise<FireOutcome> => {
    // Lock order as everywhere else: the record, then its timers (a transition updates them). Locking the
    // timer first deadlocked a deadline and its escalation firing at the same instant.
    const timer = await readTimer(ctx.tx, timerId);
    if (!timer) return { outcome: 'missing' };
    if (timer.status !== 'armed') return { outcome: 'not-armed' };
    // Clocks of producers and Redis may differ slightly: never act before the stored due time.
    if (timer.due_at.getTime() > ctx.now.getTime() + 50) return { outcome: 'early', dueAt: timer.due_at };
    const row = await lockRecord(ctx.tx, timer.record_type, timer.record_id);
    if (!row || row.entry_seq !== timer.entry_seq) {
      // The timer was read before the record's lock: another worker may have fired it since.
      return (await cancelArmedTimer(ctx.tx, timer.id)) ? { outcome: 'stale' } : { outcome: 'not-armed' };
    }
    if (!(await claimTimer(ctx.tx, timer.id, ctx.now))) return { outcome: 'not-armed' };

    if (timer.rung === 'deadline') {
      const event = { type: 'DEADLINE_PASSED', kind: timer.kind };
      const applied = await applyEvent(
        ctx,
        { ...systemActor, name: 'Hệ thống (hết hạn)' },
        {
          recordType: timer.record_type,
          id: timer.record_id,
          event,
          internal: true,
          ifAllowed: true,
          locked: row,
        },
      );
      return applied ? { outcome: 'fired', event: event.type } : { outcome: 'fired' };
    }
    const spec = (metaOf(definitionOf(row), row.state)?.deadlines ?? []).find((d) => d.kind === timer.kind);
    const deadline = await ctx.tx.query<{ due_at: Date }>(
      `SELECT due_at FROM timers WHERE record_type = $1 AND record_id = $2 AND entry_seq = $3 AND kind = $4 AND rung = 'deadline'`,
      [timer.record_type, timer.record_id, timer.entry_seq, timer.kind],
    );
    const escalation = timer.rung === 'escalation';
    await queueNoticesFor(ctx, {
      recordType: timer.record_type,
      row,
      template: escalation ? 'deadline.passed' : 'deadline.reminder',
      to: escalation ? ['director'] : [spec?.actor ?? 'office'],
      cause: `timer-${timer.id}`,
      dueAt: deadline[0]?.due_at,
      deadlineKind: timer.kind,
    });
    return { outcome: 'fired' };
  });
}
