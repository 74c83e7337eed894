import type { RecordType } from '../../machines/contract';
import type { Queryable, Row } from './db';
import { json } from './db';

/**
 * Durable deadlines. A timer belongs to one state entry of one record (`entry_seq`); `rung` is
 * `deadline` (the deadline itself: a DEADLINE_PASSED event goes through the machine), `reminder-N`
 * (before it) or `escalation` (after it, to the director). PostgreSQL is the truth; Redis only holds the
 * schedule, rebuilt by the sweep.
 */
export type TimerStatus = 'armed' | 'paused' | 'fired' | 'cancelled';

export interface TimerRow extends Row {
  id: number;
  record_type: RecordType;
  record_id: number;
  entry_seq: number;
  kind: string;
  rung: string;
  due_at: Date;
  status: TimerStatus;
  period: Record<string, number>;
  remaining: Record<string, number> | null;
  fired_at: Date | null;
}

export interface NewTimer {
  recordType: RecordType;
  recordId: number;
  entrySeq: number;
  kind: string;
  rung: string;
  dueAt: Date;
  period: unknown;
}

export async function insertTimer(tx: Queryable, t: NewTimer): Promise<number> {
  const rows = await tx.query<{ id: number }>(
    `INSERT INTO timers (record_type, record_id, entry_seq, kind, rung, due_at, status, period)
     VALUES ($1, $2, $3, $4, $5, $6, 'armed', $7)
     ON CONFLICT (record_type, record_id, entry_seq, kind, rung) DO UPDATE SET due_at = EXCLUDED.due_at
     RETURNING id`,
    [t.recordType, t.recordId, t.entrySeq, t.kind, t.rung, t.dueAt, json(t.period)],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('timer insert returned no id');
  return id;
}

export async function armedTimersOf(tx: Queryable, type: RecordType, id: number): Promise<TimerRow[]> {
  return tx.query<TimerRow>(
    `SELECT * FROM timers WHERE record_type = $1 AND record_id = $2 AND status = 'armed' ORDER BY id`,
    [type, id],
  );
}

export async function setTimerStatus(
  tx: Queryable,
  ids: readonly number[],
  status: TimerStatus,
  extra: { remaining?: unknown } = {},
): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(
    `UPDATE timers SET status = $2, remaining = COALESCE($3, remaining) WHERE id = ANY($1::int[])`,
    [ids, status, extra.remaining === undefined ? null : json(extra.remaining)],
  );
}

/** The most recent paused deadline of a kind, to resume with what was left. */
export async function pausedTimer(
  tx: Queryable,
  type: RecordType,
  id: number,
  kind: string,
): Promise<TimerRow | undefined> {
  const rows = await tx.query<TimerRow>(
    `SELECT * FROM timers WHERE record_type = $1 AND record_id = $2 AND kind = $3 AND rung = 'deadline' AND status = 'paused'
      ORDER BY id DESC LIMIT 1`,
    [type, id, kind],
  );
  return rows[0];
}

/** Reads a timer without locking it (a firing claims it with its record's lock: `lockRecordClaimingTimer`). */
export async function readTimer(tx: Queryable, id: number): Promise<TimerRow | undefined> {
  const rows = await tx.query<TimerRow>('SELECT * FROM timers WHERE id = $1', [id]);
  return rows[0];
}

/** Cancels a timer only if still armed (a concurrent firing may have claimed it meanwhile). */
export async function cancelArmedTimer(tx: Queryable, id: number): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE timers SET status = 'cancelled' WHERE id = $1 AND status = 'armed' RETURNING id`,
    [id],
  );
  return rows.length === 1;
}

/** Which of these timers are armed now. */
export async function armedAmong(q: Queryable, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await q.query<{ id: number }>(
    `SELECT id FROM timers WHERE id = ANY($1::int[]) AND status = 'armed'`,
    [ids],
  );
  return new Set(rows.map((r) => r.id));
}

/** Armed timers, oldest due first, after a given id (for the sweep). */
export async function armedTimersPage(q: Queryable, afterId: number, limit: number): Promise<TimerRow[]> {
  return q.query<TimerRow>(`SELECT * FROM timers WHERE status = 'armed' AND id > $1 ORDER BY id LIMIT $2`, [
    afterId,
    limit,
  ]);
}

/** Armed timers, and those past due before `overdueBefore` (their job is late or missing). */
export async function armedSummary(
  q: Queryable,
  overdueBefore: Date,
): Promise<{ armed: number; overdue: number; oldestOverdue: Date | null }> {
  const rows = await q.query<{ armed: number; overdue: number; oldest: Date | null }>(
    `SELECT count(*)::int AS armed,
            count(*) FILTER (WHERE due_at < $1)::int AS overdue,
            min(due_at) FILTER (WHERE due_at < $1) AS oldest
       FROM timers WHERE status = 'armed'`,
    [overdueBefore],
  );
  return {
    armed: rows[0]?.armed ?? 0,
    overdue: rows[0]?.overdue ?? 0,
    oldestOverdue: rows[0]?.oldest ?? null,
  };
}
