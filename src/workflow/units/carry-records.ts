import { openStatesOf } from '../../../machines/index';
import type { Queryable } from '../../db/db';
import { unitRecordIds } from '../../db/records';
import { appendRegistrationHistory, openRegistrationsOfUnit } from '../../db/registrations';
import type { UnitRecord } from '../../db/units';
import { annotateRecord } from '../engine/annotate';
import type { Actor } from '../types';

/** How many open records of a retired unit now stand with its successor. */
export interface CarriedRecords {
  dossiers: number;
  nominations: number;
  registrations: number;
}

/** The history event a record gets when its unit is merged into (or replaced by) a successor. */
export const unitSucceededEvent = 'UNIT_SUCCEEDED';

/**
 * A merger's trace on the records: every open dossier, nomination and registration of the retired unit
 * gets a history row saying which unit it now stands with. The records keep their `unit_id` (the unit
 * that made them, as in the documents already issued); their successor's clerks reach them through the
 * lineage (`canReadRecord`), and notices to "the unit" go to the successor's clerks.
 */
export async function carryOpenRecords(
  tx: Queryable,
  now: Date,
  actor: Actor,
  from: UnitRecord,
  to: UnitRecord,
  payloadExtra: Record<string, unknown> = {},
): Promise<CarriedRecords> {
  const payload = {
    fromUnitId: from.id,
    fromUnitCode: from.code,
    toUnitId: to.id,
    toUnitCode: to.code,
    toUnitName: to.name,
    ...payloadExtra,
  };
  const carried: CarriedRecords = { dossiers: 0, nominations: 0, registrations: 0 };
  // The engine's lock order: dossiers, then nominations, each by id.
  for (const type of ['dossier', 'nomination'] as const) {
    for (const id of await unitRecordIds(tx, type, from.id, openStatesOf(type))) {
      if (await annotateRecord(tx, now, actor, type, id, unitSucceededEvent, payload))
        carried[type === 'dossier' ? 'dossiers' : 'nominations']++;
    }
  }
  for (const r of await openRegistrationsOfUnit(tx, from.id)) {
    await appendRegistrationHistory(tx, r.id, unitSucceededEvent, r.state, r.state, actor.userId, payload);
    carried.registrations++;
  }
  return carried;
}
