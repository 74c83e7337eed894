import type { AnyMachineSnapshot } from 'xstate';
import type { DeadlineSpec, MachineDefinition, RecordType } from '../../../machines/contract';
import type { RecordRow } from '../../db/records';
import { armedTimersOf, insertTimer, pausedTimer, setTimerStatus } from '../../db/timers';
import type { Period } from '../../domain/period';
import type { ReminderRung } from '../../domain/policy';
import { timerJob } from '../../queue/queues';
import type { TxContext } from './tx-context';
import { metaOf } from './machine-runtime';

/**
 * Deadlines declared by states (`meta.deadlines`) become timer rows when a state is entered: the
 * deadline itself, reminders before it (policy ladder) and an escalation to the director after it.
 * Leaving the state cancels them, or pauses the deadline when the new state says so (a dossier returned
 * for supplement stops the office's receipt clock; resubmission resumes it with what was left).
 */
export async function leaveState(
  ctx: TxContext,
  def: MachineDefinition,
  type: RecordType,
  row: RecordRow,
  nextState: string,
): Promise<void> {
  const pauses = new Set(metaOf(def, nextState)?.pauses ?? []);
  const armed = await armedTimersOf(ctx.tx, type, row.id);
  const cancel: number[] = [];
  for (const t of armed) {
    if (t.rung === 'deadline' && pauses.has(t.kind)) {
      const remaining = ctx.calendar.remaining(ctx.now, t.due_at, t.period as Period);
      await setTimerStatus(ctx.tx, [t.id], 'paused', { remaining });
    } else cancel.push(t.id);
  }
  await setTimerStatus(ctx.tx, cancel, 'cancelled');
}

export async function enterState(
  ctx: TxContext,
  def: MachineDefinition,
  type: RecordType,
  row: RecordRow,
  next: AnyMachineSnapshot,
  event: Record<string, unknown>,
): Promise<Array<{ kind: string; dueAt: Date }>> {
  const specs = metaOf(def, row.state)?.deadlines ?? [];
  const armed: Array<{ kind: string; dueAt: Date }> = [];
  for (const spec of specs) {
    const { dueAt, period } = await dueOf(ctx, type, row, spec, next, event);
    await arm(ctx, type, row, spec.kind, 'deadline', dueAt, period);
    for (const [i, at] of reminderTimes(ctx, spec, dueAt, period).entries())
      await arm(ctx, type, row, spec.kind, `reminder-${i + 1}`, at, period);
    if (spec.actor !== 'director' && spec.actor !== 'unitsNotSubmitted') {
      const esc = ctx.policy.escalation;
      const at =
        'secondsAfter' in esc
          ? new Date(dueAt.getTime() + esc.secondsAfter * 1000)
          : ctx.calendar.addWorkingDaysToInstant(dueAt, esc.workingDaysAfter);
      await arm(ctx, type, row, spec.kind, 'escalation', at, period);
    }
    armed.push({ kind: spec.kind, dueAt });
  }
  return armed;
}

async function dueOf(
  ctx: TxContext,
  type: RecordType,
  row: RecordRow,
  spec: DeadlineSpec,
  next: AnyMachineSnapshot,
  event: Record<string, unknown>,
): Promise<{ dueAt: Date; period: Period | { date: string } | { at: string } }> {
  const given = spec.dueAtFromEvent ? event[spec.dueAtFromEvent] : undefined;
  if (typeof given === 'string') return { dueAt: new Date(given), period: { at: given } };
  if (typeof spec.period === 'object') {
    const date = String((next.context as Record<string, unknown>)[spec.period.contextDate]);
    return { dueAt: ctx.calendar.dueAtFromDate(date), period: { date } };
  }
  if (spec.resumable) {
    const paused = await pausedTimer(ctx.tx, type, row.id, spec.kind);
    if (paused?.remaining) {
      await setTimerStatus(ctx.tx, [paused.id], 'cancelled');
      const remaining = paused.remaining as Period;
      return { dueAt: ctx.calendar.resume(ctx.now, remaining), period: remaining };
    }
  }
  const period = ctx.policy[spec.period];
  return { dueAt: ctx.calendar.dueAt(ctx.now, period), period };
}

function reminderTimes(ctx: TxContext, spec: DeadlineSpec, dueAt: Date, period: object): Date[] {
  const ladder: ReminderRung[] =
    spec.actor === 'unitsNotSubmitted' ? ctx.policy.campaignReminders : ctx.policy.reminders;
  const inSeconds = 'seconds' in period;
  const out: Date[] = [];
  for (const rung of ladder) {
    let at: Date;
    if ('secondsBefore' in rung) at = new Date(dueAt.getTime() - rung.secondsBefore * 1000);
    else if (inSeconds)
      continue; // a deadline counted in seconds (tests, demos) has no working-day ladder
    else at = ctx.calendar.workingDaysBefore(dueAt, rung.workingDaysBefore);
    if (at.getTime() > ctx.now.getTime() && at.getTime() < dueAt.getTime()) out.push(at);
  }
  return out;
}

async function arm(
  ctx: TxContext,
  type: RecordType,
  row: RecordRow,
  kind: string,
  rung: string,
  dueAt: Date,
  period: unknown,
): Promise<void> {
  const timerId = await insertTimer(ctx.tx, {
    recordType: type,
    recordId: row.id,
    entrySeq: row.entry_seq,
    kind,
    rung,
    dueAt,
    period,
  });
  await ctx.outbox.add(timerJob, { timerId, recordType: type, recordId: row.id }, { runAt: dueAt });
}
