import type { RecordType } from '../../machines/contract';
import type { Queryable } from './db';
import { tableOf } from './records';

/**
 * The records waiting in given states (the home page "Việc cần làm"): per record type, the oldest rows
 * (id order, on the `(state, id)` / `(unit_id, state, id)` indexes), when their current state was entered
 * (the history row of `entry_seq`) and the earliest deadline of that state entry still running or passed.
 */
export interface WaitingRow {
  [k: string]: unknown;
  id: number;
  state: string;
  version: number;
  machine_id: string;
  machine_version: number;
  snapshot: { value: unknown; context: Record<string, unknown> };
  unit_id: number | null;
  unit_name: string | null;
  /** Title, or the nominee's name for a nomination. */
  label: string;
  /** A nomination's award code; a document's number; a dossier's campaign title. */
  detail: string | null;
  waiting_since: Date | null;
  due_at: Date | null;
}

const label: Record<RecordType, string> = {
  campaign: 'r.title AS label, NULL::text AS detail, NULL::int AS unit_id, NULL::text AS unit_name',
  dossier: 'r.title AS label, c.title AS detail, r.unit_id, u.name AS unit_name',
  nomination: 'r.nominee_name AS label, r.award_code AS detail, r.unit_id, u.name AS unit_name',
  decision: 'r.title AS label, r.number AS detail, NULL::int AS unit_id, NULL::text AS unit_name',
  submission: 'r.title AS label, r.number AS detail, NULL::int AS unit_id, NULL::text AS unit_name',
};
const joins: Record<RecordType, string> = {
  campaign: '',
  dossier: 'JOIN units u ON u.id = r.unit_id JOIN campaigns c ON c.id = r.campaign_id',
  nomination: 'JOIN units u ON u.id = r.unit_id',
  decision: '',
  submission: '',
};
const unitScoped = (type: RecordType) => type === 'dossier' || type === 'nomination';

/** `unitId`: confine to one unit's records (a unit clerk), or null for all. */
export async function selectWaiting(
  q: Queryable,
  type: RecordType,
  states: readonly string[],
  unitId: number | null,
  limit: number,
): Promise<WaitingRow[]> {
  const scoped = unitId !== null && unitScoped(type);
  return q.query<WaitingRow>(
    `SELECT r.id, r.state, r.version, r.machine_id, r.machine_version, r.snapshot, ${label[type]},
            h.at AS waiting_since,
            (SELECT min(t.due_at) FROM timers t
              WHERE t.record_type = $1 AND t.record_id = r.id AND t.entry_seq = r.entry_seq
                AND t.rung = 'deadline' AND t.status IN ('armed', 'fired')) AS due_at
       FROM (SELECT * FROM ${tableOf[type]} r
              WHERE r.state = ANY($2::text[]) ${scoped ? 'AND r.unit_id = $4' : ''}
              ORDER BY r.id LIMIT $3) r
       ${joins[type]}
       LEFT JOIN history h ON h.record_type = $1 AND h.record_id = r.id AND h.seq = r.entry_seq
      ORDER BY r.id`,
    scoped ? [type, states, limit, unitId] : [type, states, limit],
  );
}

/** How many records wait in each of `states`. */
export async function countWaiting(
  q: Queryable,
  type: RecordType,
  states: readonly string[],
  unitId: number | null,
): Promise<Array<{ state: string; n: number }>> {
  const scoped = unitId !== null && unitScoped(type);
  return q.query<{ state: string; n: number }>(
    `SELECT r.state, count(*)::int AS n FROM ${tableOf[type]} r
      WHERE r.state = ANY($1::text[]) ${scoped ? 'AND r.unit_id = $2' : ''}
      GROUP BY r.state`,
    scoped ? [states, unitId] : [states],
  );
}
