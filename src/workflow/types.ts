import type { Logger } from 'pino';
import type { RecordType, Role } from '../../machines/contract';
import type { AwardRules } from '../../machines/nomination.machine';
import type { Db, Queryable } from '../db/db';
import type { WorkingCalendar } from '../domain/calendar';
import type { Policy } from '../domain/policy';
import type { TimestampAuthority } from '../documents';

/** The shapes the use cases answer with, for the layers above (which never import src/db). */
export type { Collective } from '../db/collectives';
export type { CouncilSession } from '../db/council-sessions';
export type { NoticeRow } from '../db/notices';
export type { Person } from '../db/persons';
export type { PastAward } from '../db/register-history';
export type { Registration } from '../db/registrations';
export type { UnitRecord } from '../db/units';
export type { UserRecord } from '../db/users';

/** Who is acting. `system` for the engine's own events (deadlines, cascades). */
export interface Actor {
  userId: number | null;
  name: string;
  roles: readonly Role[];
  unitId: number | null;
  /**
   * The units whose records a clerk reaches: `unitId` and every unit merged into it (its lineage, see
   * `withUnitLineage` in access.ts). Absent: `unitId` alone.
   */
  unitLineage?: readonly number[];
  system?: boolean;
}

export const systemActor: Actor = { userId: null, name: 'system', roles: [], unitId: null, system: true };

/** Hands committed outbox rows to BullMQ; `kick` is a hint, the periodic sweep is the guarantee. */
export interface OutboxKicker {
  kick(): void;
}

export interface EngineDeps {
  db: Db;
  now: () => Date;
  logger: Logger;
  /** Reads the current policy (cached; see settings). */
  policy: () => Promise<Policy>;
  /** The working-day calendar for deadline arithmetic (cached; reloaded when an admin edits it). */
  calendar: () => Promise<WorkingCalendar>;
  outbox?: OutboxKicker;
  rules: RulesPort;
  /** The business time zone (`TZ_BUSINESS`): the one "today" is judged in. */
  timeZone: string;
  /** Absolute base URL for links in emails. */
  publicUrl: string;
  /** `DATA_DIR`: where stored files are (content-addressed, `src/storage/files.ts`); issued documents too. */
  dataDir: string;
  /** Signing options: a timestamp authority (PAdES B-T). */
  documents?: { timestampAuthority?: TimestampAuthority };
}

export interface DeadlineView {
  kind: string;
  dueAt: string;
  status: 'armed' | 'paused' | 'fired' | 'cancelled';
  overdue: boolean;
}

/** What every workflow resource answers: `{id, state, version, allowedEvents, …}`. */
export interface RecordView {
  id: number;
  type: RecordType;
  state: string;
  stateLabel: { vi: string; en: string };
  version: number;
  allowedEvents: string[];
  createdAt: string;
  updatedAt: string;
  [field: string]: unknown;
}

export interface HistoryEntry {
  seq: number;
  at: string;
  actor: { id: number | null; name: string };
  event: string;
  from: string | null;
  to: string;
  payload: Record<string, unknown>;
}

export interface SendEventInput {
  recordType: RecordType;
  id: number;
  /** `{type, ...payload}`; `expectedVersion` is taken out by the caller. */
  event: { type: string } & Record<string, unknown>;
  expectedVersion?: number;
  idempotencyKey?: string;
}

/**
 * What the engine needs from the award rules (catalogue versions, eligibility, required attachments),
 * read inside the event's transaction.
 */
export interface RulesPort {
  /** The machine's award rules for an award code, in the version in force on `onDate` (YYYY-MM-DD). */
  awardRules(tx: Queryable, code: string, onDate: string): Promise<AwardRules | undefined>;
  /** What a dossier still lacks to be submitted: one message per missing attachment kind. */
  missingAttachments(
    tx: Queryable,
    dossierId: number,
    onDate: string,
  ): Promise<Array<{ kind: string; message: string }>>;
  /** Hard rules a nomination fails (APPRAISE eligible:true then needs an override reason). */
  hardFailures(tx: Queryable, nominationId: number, onDate: string): Promise<string[]>;
}
