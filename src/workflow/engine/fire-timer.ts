import type { RecordType } from '../../../machines/contract';
import { cancelArmedTimer, readTimer } from '../../db/timers';
import { lockRecordClaimingTimer } from '../../db/records';
import { applyEvent } from './apply-event';
import { definitionOf, metaOf } from './machine-runtime';
import { queueCampaignReminders } from './campaign-reminders';
import { queueNoticesFor } from './notify';
import { inTransaction } from './tx';
import { systemActor, type EngineDeps } from '../types';

export type FireOutcome =
  | { outcome: 'fired'; event?: string }
  | { outcome: 'stale' | 'not-armed' | 'missing' }
  | { outcome: 'early'; dueAt: Date };

/** Clocks of producers and Redis may differ slightly: never act before the stored due time (ms). */
const EARLY_MS = 50;

/** What a timer's job names: the timer, and (jobs published since) the record it belongs to. */
export interface TimerJobData {
  timerId: number;
  recordType?: RecordType | undefined;
  recordId?: number | undefined;
}

/**
 * A timer's job arrived. Re-read everything under lock: a timer for a state entry the record has left,
 * or one already fired by another worker, does nothing. Otherwise claim it and act: the deadline itself
 * goes through the machine as DEADLINE_PASSED; a reminder or an escalation is a notice.
 */
export async function fireTimer(deps: EngineDeps, job: TimerJobData): Promise<FireOutcome> {
  const { timerId, recordType, recordId } = job;
  return inTransaction(deps, async (ctx): Promise<FireOutcome> => {
    // Lock order as everywhere else: the record, then its timers (a transition updates them). Locking the
    // timer first deadlocked a deadline and its escalation firing at the same instant. A job that does not
    // name its record (published before they did) reads the timer first to learn it.
    let target = recordType !== undefined && recordId !== undefined ? { recordType, recordId } : undefined;
    if (!target) {
      const before = await readTimer(ctx.tx, timerId);
      if (!before) return { outcome: 'missing' };
      if (before.status !== 'armed') return { outcome: 'not-armed' };
      target = { recordType: before.record_type, recordId: before.record_id };
    }
    const locked = await lockRecordClaimingTimer(
      ctx.tx,
      target.recordType,
      target.recordId,
      timerId,
      ctx.now,
      EARLY_MS,
    );
    const timer = locked.row ? locked.timer : await readTimer(ctx.tx, timerId);
    if (!timer) return { outcome: 'missing' };
    if (timer.record_type !== target.recordType || timer.record_id !== target.recordId)
      throw new Error(
        `timer ${timerId} belongs to ${timer.record_type} ${timer.record_id}, not the job's record`,
      );
    if (timer.status !== 'armed') return { outcome: 'not-armed' };
    if (timer.due_at.getTime() > ctx.now.getTime() + EARLY_MS)
      return { outcome: 'early', dueAt: timer.due_at };
    const row = locked.row;
    if (!row || row.entry_seq !== timer.entry_seq) {
      // The timer was read before the record's lock was granted: another worker may have fired it since.
      return (await cancelArmedTimer(ctx.tx, timer.id)) ? { outcome: 'stale' } : { outcome: 'not-armed' };
    }
    if (!locked.claimed) return { outcome: 'not-armed' };

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
    if (!escalation && spec?.actor === 'unitsNotSubmitted') {
      await queueCampaignReminders(ctx, row, `timer-${timer.id}`, deadline[0]?.due_at);
      return { outcome: 'fired' };
    }
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
