/**
 * Shared tools for driving the machines in `machines/` through XState's pure `transition()`:
 * representative events for every event of every machine, decision-table runners, graph exploration with
 * `xstate/graph` and the invariants every reachable state must satisfy.
 */
import type { AnyEventObject, AnyMachineSnapshot, AnyStateMachine, AnyStateNode } from 'xstate';
import { initialTransition, transition } from 'xstate';
import { getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import type { StatePath } from 'xstate/graph';
import type {
  CascadeParams,
  MachineDefinition,
  NotifyParams,
  Recipient,
  RecordType,
  StateMeta,
} from '../../machines';
import { currentMachines, recordTypes } from '../../machines';
import type { AwardRules, NominationContext } from '../../machines/nomination.machine';

// ---------------------------------------------------------------------------------------------------------
// Fixtures drawn from DOMAIN.md ("The award catalogue")

/** Award rules as the catalogue seeds them (thresholds: 70% department, 80% province and national). */
export const awardRules = {
  /** Lao động tiên tiến: department, no vote, no notice. */
  LDTT: { code: 'LDTT', authority: 'department', needsVote: false, needsNotice: false, voteThreshold: 0.7 },
  /** Chiến sĩ thi đua cơ sở: department, council vote. */
  CSTDCS: {
    code: 'CSTDCS',
    authority: 'department',
    needsVote: true,
    needsNotice: false,
    voteThreshold: 0.7,
  },
  /** Chiến sĩ thi đua cấp tỉnh: province, council vote. */
  CSTDT: { code: 'CSTDT', authority: 'province', needsVote: true, needsNotice: false, voteThreshold: 0.8 },
  /** Bằng khen của Thủ tướng: national (via province), council vote after a public notice. */
  BKTTG: { code: 'BKTTG', authority: 'national', needsVote: true, needsNotice: true, voteThreshold: 0.8 },
  /** A province award decided without a vote (e.g. a sudden campaign's simplified procedure). */
  provinceNoVote: {
    code: 'BKUBND',
    authority: 'province',
    needsVote: false,
    needsNotice: false,
    voteThreshold: 0.8,
  },
  /** An admin switched the public notice on for an award that needs no vote. */
  noticeNoVote: {
    code: 'GKGD',
    authority: 'department',
    needsVote: false,
    needsNotice: true,
    voteThreshold: 0.7,
  },
} as const satisfies Record<string, AwardRules>;

export function nominationContext(
  rules: AwardRules | null = awardRules.CSTDCS,
  objections = 0,
): NominationContext {
  return { rules: rules === null ? null : { ...rules }, objections };
}

/** What each record type is created with (only the campaign reads its input). */
export const creationInput: Record<RecordType, Record<string, unknown>> = {
  campaign: { nominationDeadline: '2026-03-31' },
  dossier: {},
  nomination: {},
  decision: {},
  submission: {},
};

export const definitions: readonly MachineDefinition[] = recordTypes.map((t) => currentMachines[t]);

// ---------------------------------------------------------------------------------------------------------
// State nodes and their meta

export function stateNodesOf(machine: AnyStateMachine): AnyStateNode[] {
  return Object.values(machine.root.states);
}

export function stateNode(machine: AnyStateMachine, key: string): AnyStateNode {
  const node = machine.root.states[key];
  if (!node) throw new Error(`${machine.id} has no state ${key}`);
  return node;
}

export function metaOf(node: AnyStateNode): StateMeta | undefined {
  return node.meta as StateMeta | undefined;
}

/** States the machine passes through without resting (eventless `always` transitions). */
export function isTransient(node: AnyStateNode): boolean {
  return (node.always?.length ?? 0) > 0;
}

/** Every state a record may rest in: all state nodes except the transient ones. */
export function restingStates(machine: AnyStateMachine): string[] {
  return stateNodesOf(machine)
    .filter((n) => !isTransient(n))
    .map((n) => n.key);
}

export function deadlineKindsOf(node: AnyStateNode): string[] {
  return (metaOf(node)?.deadlines ?? []).map((d) => d.kind);
}

/** Every deadline kind declared in any state of any machine. */
export function allDeadlineKinds(): string[] {
  const kinds = new Set<string>();
  for (const def of definitions)
    for (const node of stateNodesOf(def.machine)) deadlineKindsOf(node).forEach((k) => kinds.add(k));
  return [...kinds].sort();
}

// ---------------------------------------------------------------------------------------------------------
// Representative events

/** A kind no state declares: every machine must refuse it. */
export const unknownDeadlineKind = 'noSuchDeadline';

/**
 * Valid payloads for every event of every machine, covering both outcomes of guarded events.
 * `DEADLINE_PASSED` gets every kind declared anywhere plus an unknown one. The payload tests check that
 * every example parses, and that every event of every machine has at least one.
 */
export function sampleEvents(recordType: RecordType): Record<string, AnyEventObject[]> {
  const deadlines = [...allDeadlineKinds(), unknownDeadlineKind].map((kind) => ({
    type: 'DEADLINE_PASSED',
    kind,
  }));
  const signing = {
    SUBMIT_FOR_SIGNATURE: [{ type: 'SUBMIT_FOR_SIGNATURE' }],
    SIGN: [{ type: 'SIGN' }],
    RETURN: [{ type: 'RETURN', reason: 'Sửa căn cứ pháp lý' }],
    DISCARD: [{ type: 'DISCARD' }, { type: 'DISCARD', reason: 'Lập nhầm' }],
  };
  switch (recordType) {
    case 'campaign':
      return {
        OPEN: [{ type: 'OPEN' }],
        CLOSE: [{ type: 'CLOSE' }],
        COMPLETE: [{ type: 'COMPLETE' }],
        DEADLINE_PASSED: deadlines,
      };
    case 'dossier':
      return {
        SUBMIT: [{ type: 'SUBMIT' }],
        RECEIVE: [{ type: 'RECEIVE' }],
        REQUEST_SUPPLEMENT: [
          { type: 'REQUEST_SUPPLEMENT', reason: 'Thiếu biên bản họp' },
          {
            type: 'REQUEST_SUPPLEMENT',
            reason: 'Thiếu báo cáo thành tích',
            dueAt: '2026-03-10T17:00:00+07:00',
          },
        ],
        RESUBMIT: [{ type: 'RESUBMIT' }],
        WITHDRAW: [{ type: 'WITHDRAW' }, { type: 'WITHDRAW', reason: 'Đơn vị rút' }],
        DEADLINE_PASSED: deadlines,
        ALL_NOMINATIONS_SETTLED: [{ type: 'ALL_NOMINATIONS_SETTLED' }],
      };
    case 'nomination':
      return {
        DOSSIER_SUBMITTED: [{ type: 'DOSSIER_SUBMITTED' }],
        DOSSIER_ACCEPTED: Object.values(awardRules).map((rules) => ({ type: 'DOSSIER_ACCEPTED', rules })),
        DOSSIER_WITHDRAWN: [{ type: 'DOSSIER_WITHDRAWN' }],
        REMOVE: [{ type: 'REMOVE' }, { type: 'REMOVE', reason: 'Đề nghị nhầm' }],
        APPRAISE: [
          { type: 'APPRAISE', eligible: true },
          { type: 'APPRAISE', eligible: false, reason: 'Đang bị xem xét kỷ luật' },
        ],
        FILE_OBJECTION: [{ type: 'FILE_OBJECTION', text: 'Thành tích chưa đúng thực tế' }],
        RECORD_VOTE: [
          { type: 'RECORD_VOTE', membersTotal: 10, present: 10, yes: 10 },
          { type: 'RECORD_VOTE', membersTotal: 10, present: 9, yes: 7 },
          { type: 'RECORD_VOTE', membersTotal: 10, present: 7, yes: 0 },
        ],
        APPROVE: [{ type: 'APPROVE' }],
        REJECT: [{ type: 'REJECT', reason: 'Chưa đủ tiêu chuẩn' }],
        SEND_BACK: [{ type: 'SEND_BACK', reason: 'Thẩm định lại sáng kiến' }],
        DECISION_SIGNED: [{ type: 'DECISION_SIGNED', decisionId: 1, number: '05/QĐ-SNV' }],
        DECISION_REVOKED: [{ type: 'DECISION_REVOKED', decisionId: 1, reason: 'Quyết định bị thu hồi' }],
        SUBMISSION_SIGNED: [{ type: 'SUBMISSION_SIGNED', submissionId: 1, number: '03/TTr-SNV' }],
        RECORD_PROVINCE_RESULT: [
          {
            type: 'RECORD_PROVINCE_RESULT',
            outcome: 'approved',
            decisionNumber: '120/QĐ-UBND',
            decidedOn: '2026-05-02',
          },
          { type: 'RECORD_PROVINCE_RESULT', outcome: 'rejected', reason: 'Không đủ điều kiện' },
          { type: 'RECORD_PROVINCE_RESULT', outcome: 'returned', reason: 'Bổ sung hồ sơ' },
        ],
        REVOKE: [{ type: 'REVOKE', reason: 'Khai man thành tích' }],
        DEADLINE_PASSED: deadlines,
      };
    case 'decision':
      return { ...signing, REVOKE: [{ type: 'REVOKE', reason: 'Ban hành sai thẩm quyền' }] };
    case 'submission':
      return {
        ...signing,
        NOMINATION_RESULT: [
          { type: 'NOMINATION_RESULT', allResolved: true },
          { type: 'NOMINATION_RESULT', allResolved: false },
        ],
      };
  }
}

export function allSampleEvents(recordType: RecordType): AnyEventObject[] {
  return Object.values(sampleEvents(recordType)).flat();
}

/** An event's identity for decision tables: its type, and for deadlines also the kind. */
export function eventKey(event: AnyEventObject): string {
  return event.type === 'DEADLINE_PASSED' ? `DEADLINE_PASSED:${String(event.kind)}` : event.type;
}

export function payloadOf(event: AnyEventObject): Record<string, unknown> {
  const { type: _type, ...payload } = event;
  return payload;
}

// ---------------------------------------------------------------------------------------------------------
// Effects

export type Effect = { type: 'notify'; params: NotifyParams } | { type: 'cascade'; params: CascadeParams };
export interface ActionLike {
  type: string;
  params?: unknown;
}

/** The effects `transition()` returned, as plain data; recipients compared as a set (order carries no meaning). */
export function effectsOf(actions: readonly ActionLike[]): { type: string; params: unknown }[] {
  return actions.map((a) => ({ type: a.type, params: normalizeParams(a) }));
}

function normalizeParams(a: ActionLike): unknown {
  if (a.type !== 'notify' || typeof a.params !== 'object' || a.params === null) return a.params;
  const p = a.params as NotifyParams;
  return { ...p, to: [...new Set(p.to)].sort() };
}

export const notify = (template: string, ...to: Recipient[]): Effect => ({
  type: 'notify',
  params: { template, to: [...new Set(to)].sort() },
});
export const cascade = (target: CascadeParams['target'], event: string): Effect => ({
  type: 'cascade',
  params: { target, event },
});

/**
 * The notice a passed deadline sends: DOMAIN.md says "whoever must act; past it, also the director". The
 * deadline's actor (its `DeadlineSpec.actor`) must be among the recipients; the director's escalation may be
 * the machine's or the engine's (the contract says the engine reminds the actor and, past it, the director).
 */
export const deadlineNotice = (actor: Recipient): Effect => ({
  type: 'notify',
  params: { template: 'deadline.passed', to: expect.arrayContaining([actor]) as Recipient[] },
});

export const knownRecipients: readonly Recipient[] = [
  'office',
  'director',
  'unit',
  'provinceBoard',
  'unitsNotSubmitted',
];

/** Which machine a cascade target names. */
export const cascadeTargetType: Record<CascadeParams['target'], RecordType> = {
  nominations: 'nomination',
  dossier: 'dossier',
  submission: 'submission',
};

/**
 * Cascades that are not an event of the target machine but a signal the engine aggregates: a nomination
 * tells its dossier it is settled; the engine counts its dossier's unsettled nominations and sends the
 * dossier `ALL_NOMINATIONS_SETTLED` when none is left (DOMAIN.md: `accepted` → `closed` "when every
 * nomination in it is settled").
 */
export const engineSignals: Partial<Record<RecordType, Record<string, string>>> = {
  dossier: { NOMINATION_SETTLED: 'ALL_NOMINATIONS_SETTLED' },
};

/** Problems with one effect (empty when it is well formed). */
export function effectProblems(action: ActionLike): string[] {
  const problems: string[] = [];
  if (action.type === 'notify') {
    const p = action.params as Partial<NotifyParams> | undefined;
    if (typeof p?.template !== 'string' || p.template.trim() === '')
      problems.push('notify without a template');
    if (!Array.isArray(p?.to) || p.to.length === 0)
      problems.push(`notify ${String(p?.template)} without recipients`);
    for (const r of p?.to ?? []) if (!knownRecipients.includes(r)) problems.push(`unknown recipient ${r}`);
  } else if (action.type === 'cascade') {
    const p = action.params as Partial<CascadeParams> | undefined;
    const targetType = p?.target === undefined ? undefined : cascadeTargetType[p.target];
    if (targetType === undefined) return [`cascade to unknown target ${String(p?.target)}`];
    const event = String(p?.event);
    const targetEvents = currentMachines[targetType].events;
    const delivered = engineSignals[targetType]?.[event] ?? event;
    const spec = targetEvents[delivered];
    if (!spec) problems.push(`cascade ${event} is not an event of ${targetType}`);
    else if (!spec.senders.includes('system'))
      problems.push(`${targetType} ${delivered} may not be sent by the system`);
  } else {
    problems.push(`unexpected action ${action.type}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// Snapshots

export function initialContextOf(def: MachineDefinition): Record<string, unknown> {
  return def.initialContext(creationInput[def.recordType]);
}

export function initialSnapshot(def: MachineDefinition): AnyMachineSnapshot {
  return initialTransition(def.machine, initialContextOf(def))[0];
}

export function snapshotIn(def: MachineDefinition, value: string, context?: object): AnyMachineSnapshot {
  return def.machine.resolveState({ value, context: context ?? defaultContext(def) });
}

/** A context that lets every guarded event of the machine be tried (a nomination needs its award's rules). */
export function defaultContext(def: MachineDefinition): Record<string, unknown> {
  return def.recordType === 'nomination' ? { ...nominationContext() } : initialContextOf(def);
}

export interface Outcome {
  can: boolean;
  before: AnyMachineSnapshot;
  after: AnyMachineSnapshot;
  actions: ActionLike[];
}

export function attempt(
  def: MachineDefinition,
  snapshot: AnyMachineSnapshot,
  event: AnyEventObject,
): Outcome {
  const can = snapshot.can(event);
  const [after, actions] = transition(def.machine, snapshot, event);
  return { can, before: snapshot, after, actions: actions };
}

export function changed(o: Outcome): boolean {
  return (
    JSON.stringify(o.after.value) !== JSON.stringify(o.before.value) ||
    JSON.stringify(o.after.context) !== JSON.stringify(o.before.context) ||
    o.actions.length > 0
  );
}

// ---------------------------------------------------------------------------------------------------------
// Decision tables

export interface Row {
  from: string;
  context?: object;
  event: AnyEventObject;
  /** The state after the event; for a refused row, `from`. */
  to: string;
  effects?: Effect[];
  /** Context fields expected after the event. */
  contextAfter?: Record<string, unknown>;
  /** Refused in `from` (the event is handled there, but not with this payload). */
  refused?: boolean;
  /** Why the row is there, shown in the test name. */
  note?: string;
}

export interface Refusal {
  from: string;
  event: AnyEventObject;
}

/**
 * For each resting state, every sample event whose key (type, or `DEADLINE_PASSED:<kind>`) the table does
 * not accept in that state: the machine must refuse it.
 */
export function generatedRefusals(def: MachineDefinition, rows: readonly Row[]): Refusal[] {
  const accepted = new Set(rows.filter((r) => !r.refused).map((r) => `${r.from} ${eventKey(r.event)}`));
  const refusals: Refusal[] = [];
  for (const from of restingStates(def.machine))
    for (const event of allSampleEvents(def.recordType))
      if (!accepted.has(`${from} ${eventKey(event)}`)) refusals.push({ from, event });
  return refusals;
}

const rowName = (r: Row) =>
  `${r.from} —${eventKey(r.event)}${r.note ? ` (${r.note})` : ''}→ ${r.refused ? 'refused' : r.to}`;

/** Registers the tests of one machine's decision table: the rows as given, then the generated refusals. */
export function describeDecisionTable(def: MachineDefinition, rows: readonly Row[]): void {
  describe(`${def.id} decision table`, () => {
    const accepted = rows.filter((r) => !r.refused);
    const refused = rows.filter((r) => r.refused);

    it.each(accepted.map((r) => [rowName(r), r] as const))('%s', (_name, row) => {
      const o = attempt(def, snapshotIn(def, row.from, row.context), row.event);
      expect(o.can).toBe(true);
      expect(o.after.value).toBe(row.to);
      expect(effectsOf(o.actions)).toEqual(row.effects ?? []);
      if (row.contextAfter) expect(o.after.context).toMatchObject(row.contextAfter);
    });

    if (refused.length > 0)
      it.each(refused.map((r) => [rowName(r), r] as const))('%s', (_name, row) => {
        expectRefused(def, snapshotIn(def, row.from, row.context), row.event);
      });

    it.each(generatedRefusals(def, rows).map((r) => [`${r.from} refuses ${eventKey(r.event)}`, r] as const))(
      '%s',
      (_name, r) => {
        expectRefused(def, snapshotIn(def, r.from), r.event);
      },
    );
  });
}

export function expectRefused(
  def: MachineDefinition,
  snapshot: AnyMachineSnapshot,
  event: AnyEventObject,
): void {
  const o = attempt(def, snapshot, event);
  expect(o.can).toBe(false);
  expect(o.after.value).toEqual(snapshot.value);
  expect(o.after.context).toEqual(snapshot.context);
  expect(o.actions).toEqual([]);
}

// ---------------------------------------------------------------------------------------------------------
// Graph exploration

/**
 * A nomination counts objections; past the first, more objections change nothing the machine decides on,
 * so they are folded together to keep the state space finite.
 */
export function serializeForGraph(snapshot: AnyMachineSnapshot): string {
  const context = { ...(snapshot.context as Record<string, unknown>) };
  if (typeof context.objections === 'number') context.objections = Math.min(context.objections, 1);
  return JSON.stringify({ value: snapshot.value, context });
}

function traversalOptions(def: MachineDefinition) {
  const events = allSampleEvents(def.recordType);
  return { events: () => events, serializeState: serializeForGraph, input: initialContextOf(def) };
}

export function shortestPaths(def: MachineDefinition): StatePath<AnyMachineSnapshot, AnyEventObject>[] {
  return getShortestPaths(def.machine, traversalOptions(def));
}

export function reachableSnapshots(def: MachineDefinition): AnyMachineSnapshot[] {
  return Object.values(getAdjacencyMap(def.machine, traversalOptions(def))).map((v) => v.state);
}
