/**
 * Every reachable state of every machine, found by `xstate/graph` with representative payloads for every
 * event (both outcomes of guarded events, every deadline kind), replayed through the pure `transition()`
 * with invariants checked on every step.
 */
import type { AnyEventObject, AnyMachineSnapshot } from 'xstate';
import { setup } from 'xstate';
import type { MachineDefinition, NotifyParams } from '../../../machines';
import { currentMachines } from '../../../machines';
import type { ActionLike } from '../../helpers/machine-testing';
import {
  allDeadlineKinds,
  allSampleEvents,
  attempt,
  awardRules,
  changed,
  definitions,
  effectProblems,
  engineSignals,
  eventKey,
  initialSnapshot,
  isTransient,
  payloadOf,
  metaOf,
  reachableSnapshots,
  restingStates,
  serializeForGraph,
  shortestPaths,
  stateNode,
  stateNodesOf,
} from '../../helpers/machine-testing';

/** Everything wrong with one state a record may be in (empty when it satisfies every invariant). */
function stateProblems(def: MachineDefinition, s: AnyMachineSnapshot): string[] {
  const problems: string[] = [];
  const where = `${def.id} ${JSON.stringify(s.value)}`;
  // (a) a known resting state with a label in both languages
  if (typeof s.value !== 'string' || !restingStates(def.machine).includes(s.value))
    return [`${where}: not a known resting state`];
  const node = stateNode(def.machine, s.value);
  const label = metaOf(node)?.label;
  if (!label?.vi?.trim() || !label?.en?.trim()) problems.push(`${where}: no meta.label {vi, en}`);

  // (b) final states allow nothing; (c) every event is refused cleanly or does something
  const final = node.type === 'final';
  if ((s.status === 'done') !== final) problems.push(`${where}: status ${s.status} but type ${node.type}`);
  let accepted = 0;
  for (const event of allSampleEvents(def.recordType)) {
    const what = `${where} ${eventKey(event)} ${JSON.stringify(event)}`;
    const o = attempt(def, s, event);
    if (!o.can) {
      if (serializeForGraph(o.after) !== serializeForGraph(s) || o.after.context !== s.context)
        problems.push(`${what}: refused but the snapshot changed`);
      if (o.actions.length > 0) problems.push(`${what}: refused but produced effects`);
      continue;
    }
    accepted += 1;
    if (final) problems.push(`${what}: a final state accepts it`);
    if (!changed(o)) problems.push(`${what}: accepted but changed nothing`);
    if (
      typeof o.after.value === 'string' &&
      o.after.value !== s.value &&
      isTransient(stateNode(def.machine, o.after.value))
    )
      problems.push(`${what}: rests in a transient state`);
    problems.push(...o.actions.flatMap((a) => effectProblems(a).map((p) => `${what}: ${p}`)));
  }
  // no dead ends: a state that is not final lets something happen
  if (!final && accepted === 0) problems.push(`${where}: not final, yet accepts no event`);

  // (d) each declared deadline is handled there, and only declared ones
  const declared = metaOf(node)?.deadlines ?? [];
  for (const kind of allDeadlineKinds()) {
    const event = { type: 'DEADLINE_PASSED', kind };
    const spec = declared.find((d) => d.kind === kind);
    const can = s.can(event);
    if (spec && !can)
      problems.push(`${where}: declares deadline ${kind} but refuses DEADLINE_PASSED ${kind}`);
    if (!spec && can)
      problems.push(`${where}: handles DEADLINE_PASSED ${kind}, a deadline it does not declare`);
    if (spec && can) {
      const notices = attempt(def, s, event).actions.filter((a) => a.type === 'notify');
      for (const n of notices)
        if (!(n.params as NotifyParams).to.includes(spec.actor))
          problems.push(`${where}: deadline ${kind} notice does not reach its actor ${spec.actor}`);
    }
  }
  return problems;
}

function effectsProblems(def: MachineDefinition, actions: readonly ActionLike[]): string[] {
  return actions.flatMap((a) => effectProblems(a).map((p) => `${def.id}: ${p}`));
}

/** A short name for a step: its event and the payload values that pick the outcome. */
function stepLabel(event: AnyEventObject): string {
  const payload = payloadOf(event);
  const rules = payload.rules as { code?: string } | undefined;
  const values = rules
    ? [rules.code]
    : Object.values(payload).filter((v) => typeof v !== 'string' || v.length < 12);
  return event.type === 'DEADLINE_PASSED' || values.length === 0
    ? eventKey(event)
    : `${event.type}(${values.join(',')})`;
}

const isInit = (event: AnyEventObject) => event.type.startsWith('xstate.');

describe.each(definitions.map((def) => [def.id, def] as const))('%s generated paths', (_id, def) => {
  const paths = shortestPaths(def);
  const reachable = reachableSnapshots(def);

  it('the traversal finds a path to every reachable state', () => {
    expect(paths.length).toBe(new Set(reachable.map(serializeForGraph)).size);
    expect(paths.length).toBeGreaterThan(1);
  });

  const named = paths.map((p) => {
    const steps = p.steps.filter((s) => !isInit(s.event));
    const name = steps.map((s) => stepLabel(s.event)).join(' → ');
    return [`${name || '(initial)'} ⇒ ${String(p.state.value)}`, steps] as const;
  });
  it('names each path uniquely', () => {
    expect(new Set(named.map(([n]) => n)).size).toBe(named.length);
  });

  it.each(named)('replays %s', (_name, path) => {
    let s = initialSnapshot(def);
    const problems = stateProblems(def, s);
    for (const step of path) {
      const o = attempt(def, s, step.event);
      expect(o.can).toBe(true);
      expect(serializeForGraph(o.after)).toBe(serializeForGraph(step.state));
      problems.push(...effectsProblems(def, o.actions), ...stateProblems(def, o.after));
      s = o.after;
    }
    expect(problems).toEqual([]);
  });

  it('(f) every state node is reachable from the initial state', () => {
    const reached = new Set(reachable.map((s) => String(s.value)));
    expect([...reached].sort()).toEqual([...restingStates(def.machine)].sort());
  });

  it('every state node has a label, and only eventless transitions leave a transient state', () => {
    for (const node of stateNodesOf(def.machine)) {
      expect(metaOf(node)?.label).toEqual({ vi: expect.any(String), en: expect.any(String) });
      if (isTransient(node)) expect(Object.keys(node.on)).toEqual([]);
    }
  });

  it('(d) deadline specs name real things: paused kinds are resumable, dates and event fields exist', () => {
    const nodes = stateNodesOf(def.machine);
    const specs = nodes.flatMap((n) => metaOf(n)?.deadlines ?? []);
    const context = initialSnapshot(def).context as Record<string, unknown>;
    for (const node of nodes) {
      for (const kind of metaOf(node)?.pauses ?? [])
        expect(specs.filter((d) => d.kind === kind && d.resumable === true).length).toBeGreaterThan(0);
      for (const d of metaOf(node)?.deadlines ?? []) {
        if (typeof d.period === 'object') expect(typeof context[d.period.contextDate]).toBe('string');
        if (d.dueAtFromEvent) {
          // some event that enters this state carries the field
          const entering = reachable.flatMap((s) =>
            allSampleEvents(def.recordType).filter((e) => {
              const o = attempt(def, s, e);
              return o.can && o.after.value === node.key && s.value !== node.key;
            }),
          );
          const fields = entering.flatMap((e) => Object.keys(def.events[e.type]?.payload.shape ?? {}));
          expect(fields).toContain(d.dueAtFromEvent);
        }
      }
    }
  });
});

describe('cascades', () => {
  it('every cascade a machine declares names an event its target accepts from the system', () => {
    const problems: string[] = [];
    for (const def of definitions)
      for (const s of reachableSnapshots(def))
        for (const e of allSampleEvents(def.recordType))
          problems.push(...effectsProblems(def, attempt(def, s, e).actions));
    expect(problems).toEqual([]);
  });

  it('NOMINATION_SETTLED is an engine signal, not a dossier event: the engine closes the dossier with ALL_NOMINATIONS_SETTLED', () => {
    const dossier = currentMachines.dossier.events;
    expect(dossier.NOMINATION_SETTLED).toBeUndefined();
    expect(dossier[engineSignals.dossier!.NOMINATION_SETTLED!]?.senders).toEqual(['system']);
  });

  // DOMAIN.md: settled = awarded, rejected, withdrawn or revoked. Only a submitted dossier waits on its
  // nominations, so leaving a draft may or may not signal (DOSSIER_WITHDRAWN does, REMOVE does not).
  it('a nomination tells its dossier it is settled exactly when it first becomes awarded, rejected or withdrawn', () => {
    const def = currentMachines.nomination;
    const settledStates = ['awarded', 'rejected', 'withdrawn', 'revoked'];
    const problems: string[] = [];
    for (const s of reachableSnapshots(def))
      for (const e of allSampleEvents('nomination')) {
        const o = attempt(def, s, e);
        const emitted = o.actions.filter(
          (a) => a.type === 'cascade' && (a.params as { event: string }).event === 'NOMINATION_SETTLED',
        );
        const settles =
          !settledStates.includes(String(s.value)) && settledStates.includes(String(o.after.value));
        const allowed = settles ? (s.value === 'draft' ? [0, 1] : [1]) : [0];
        if (!allowed.includes(emitted.length))
          problems.push(
            `${String(s.value)} ${eventKey(e)} → ${String(o.after.value)}: NOMINATION_SETTLED ×${emitted.length}`,
          );
      }
    expect(problems).toEqual([]);
  });

  it('a nomination tells its submission whenever the province answers, and only then', () => {
    const def = currentMachines.nomination;
    const problems: string[] = [];
    for (const s of reachableSnapshots(def))
      for (const e of allSampleEvents('nomination')) {
        const o = attempt(def, s, e);
        const emitted = o.actions.filter(
          (a) => a.type === 'cascade' && (a.params as { target: string }).target === 'submission',
        );
        const answered = o.can && s.value === 'atProvince' && e.type === 'RECORD_PROVINCE_RESULT';
        if (emitted.length !== (answered ? 1 : 0))
          problems.push(`${String(s.value)} ${eventKey(e)}: cascade to submission ×${emitted.length}`);
      }
    expect(problems).toEqual([]);
  });

  it.each([
    ['decision', 'DECISION_SIGNED', 'awaitingDecision', { decisionId: 1, number: '05/QĐ-SNV' }],
    ['decision', 'DECISION_REVOKED', 'awarded', { decisionId: 1, reason: 'Thu hồi' }],
    ['submission', 'SUBMISSION_SIGNED', 'awaitingForwarding', { submissionId: 1, number: '03/TTr-SNV' }],
  ] as const)(
    'a %s cascades %s to its listed nominations, which accept it in %s',
    (source, event, state, payload) => {
      const fromDocument = reachableSnapshots(currentMachines[source]).flatMap((s) =>
        allSampleEvents(source).flatMap((e) => attempt(currentMachines[source], s, e).actions),
      );
      expect(fromDocument).toContainEqual(
        expect.objectContaining({ type: 'cascade', params: { target: 'nominations', event } }),
      );
      const nomination = currentMachines.nomination;
      const s = nomination.machine.resolveState({
        value: state,
        context: { rules: awardRules.CSTDT, objections: 0 },
      });
      expect(s.can({ type: event, ...payload })).toBe(true);
    },
  );

  it('every cascade a dossier sends reaches its nominations in a state that accepts it', () => {
    // Walk a dossier and one of its nominations together, breadth first over the joint states.
    const dossier = currentMachines.dossier;
    const nomination = currentMachines.nomination;
    const payloads: Record<string, object> = { DOSSIER_ACCEPTED: { rules: awardRules.LDTT } };
    const start = [initialSnapshot(dossier), initialSnapshot(nomination)] as const;
    const seen = new Set<string>();
    const queue: (readonly [AnyMachineSnapshot, AnyMachineSnapshot])[] = [start];
    const problems: string[] = [];
    const outcomes = new Map<string, Set<string>>();
    while (queue.length > 0) {
      const [d, n] = queue.shift()!;
      const key = `${String(d.value)}/${String(n.value)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      outcomes.set(String(d.value), (outcomes.get(String(d.value)) ?? new Set()).add(String(n.value)));
      for (const e of allSampleEvents('dossier')) {
        const o = attempt(dossier, d, e);
        if (!o.can) continue;
        let next = n;
        for (const a of o.actions) {
          const p = a.params as { target?: string; event?: string };
          if (a.type !== 'cascade' || p.target !== 'nominations') continue;
          const cascaded = { type: String(p.event), ...payloads[String(p.event)] };
          const r = attempt(nomination, next, cascaded);
          // The engine skips a cascaded event its target cannot take: a resubmitted dossier's pending
          // lines stay pending (only lines added while it was returned move from draft).
          const skipped = cascaded.type === 'DOSSIER_SUBMITTED' && String(next.value) === 'pending';
          if (!r.can && !skipped)
            problems.push(
              `dossier ${key} —${eventKey(e)}→ nomination refuses ${cascaded.type} in ${String(next.value)}`,
            );
          next = r.after;
        }
        queue.push([o.after, next]);
      }
    }
    expect(problems).toEqual([]);
    // Where the nomination is when its dossier rests in each state.
    expect(outcomes.get('withdrawn')).toEqual(new Set(['withdrawn']));
    expect(outcomes.get('lapsed')).toEqual(new Set(['withdrawn']));
    expect(outcomes.get('accepted')).toEqual(new Set(['appraisal']));
    expect(outcomes.get('returned')).toEqual(new Set(['pending']));
  });
});

describe('the invariants themselves catch a broken machine', () => {
  // A deliberately wrong campaign: unlabelled state, a declared deadline nobody handles, an undeclared one
  // handled, a notice to nobody, a cascade to an event the target lacks.
  const broken = setup({
    types: { context: {}, events: {} as AnyEventObject },
    actions: { notify: () => undefined, cascade: () => undefined },
  }).createMachine({
    id: 'campaign',
    initial: 'planned',
    states: {
      planned: { meta: { label: { vi: '', en: 'Planned' } }, on: { OPEN: 'open' } },
      open: {
        meta: {
          label: { vi: 'Mở', en: 'Open' },
          deadlines: [{ kind: 'nomination', period: 'noticePeriod', actor: 'office' }],
        },
        on: {
          DEADLINE_PASSED: { target: 'closed', guard: ({ event }) => event.kind === 'receipt' },
          CLOSE: { target: 'closed', actions: { type: 'notify', params: { template: 'x', to: [] } } },
          COMPLETE: {
            target: 'done',
            actions: { type: 'cascade', params: { target: 'dossier', event: 'BOGUS' } },
          },
        },
      },
      closed: { meta: { label: { vi: 'Đóng', en: 'Closed' } } },
      done: { type: 'final', meta: { label: { vi: 'Xong', en: 'Done' } } },
    },
  });
  const def: MachineDefinition = { ...currentMachines.campaign, machine: broken };

  it('reports each violation', () => {
    const planned = broken.resolveState({ value: 'planned', context: {} });
    const open = broken.resolveState({ value: 'open', context: {} });
    const closed = broken.resolveState({ value: 'closed', context: {} });
    expect(stateProblems(def, planned)).toEqual([expect.stringContaining('no meta.label')]);
    expect(stateProblems(def, open)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('without recipients'),
        expect.stringContaining('BOGUS is not an event of dossier'),
        expect.stringContaining('declares deadline nomination but refuses'),
        expect.stringContaining('handles DEADLINE_PASSED receipt, a deadline it does not declare'),
      ]),
    );
    expect(stateProblems(def, closed)).toEqual([expect.stringContaining('not final, yet accepts no event')]);
  });
});
