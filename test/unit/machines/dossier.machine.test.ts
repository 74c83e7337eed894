import { dossierDefinition } from '../../../machines/dossier.machine';
import type { MachineDefinition } from '../../../machines';
import type { Row } from '../../helpers/machine-testing';
import {
  cascade,
  deadlineNotice,
  describeDecisionTable,
  notify,
  stateNode,
} from '../../helpers/machine-testing';

const def = dossierDefinition as MachineDefinition;

/** DOMAIN.md, "dossier (a unit's submission)" and "Notifications (email)". */
const rows: Row[] = [
  {
    from: 'draft',
    event: { type: 'SUBMIT' },
    to: 'submitted',
    effects: [cascade('nominations', 'DOSSIER_SUBMITTED'), notify('dossier.submitted', 'office')],
  },
  {
    from: 'submitted',
    event: { type: 'RECEIVE' },
    to: 'accepted',
    effects: [cascade('nominations', 'DOSSIER_ACCEPTED'), notify('dossier.received', 'unit')],
  },
  {
    from: 'submitted',
    event: { type: 'REQUEST_SUPPLEMENT', reason: 'Thiếu biên bản họp' },
    to: 'returned',
    effects: [notify('dossier.returned', 'unit')],
  },
  {
    from: 'submitted',
    event: { type: 'REQUEST_SUPPLEMENT', reason: 'Thiếu biên bản họp', dueAt: '2026-03-10T17:00:00+07:00' },
    note: 'with dueAt',
    to: 'returned',
    effects: [notify('dossier.returned', 'unit')],
  },
  {
    from: 'submitted',
    event: { type: 'WITHDRAW' },
    to: 'withdrawn',
    effects: [cascade('nominations', 'DOSSIER_WITHDRAWN')],
  },
  {
    from: 'submitted',
    event: { type: 'DEADLINE_PASSED', kind: 'receipt' },
    note: 'reminder to the office, escalation to the director',
    to: 'submitted',
    effects: [deadlineNotice('office')],
  },
  {
    from: 'returned',
    event: { type: 'RESUBMIT' },
    to: 'submitted',
    effects: [cascade('nominations', 'DOSSIER_SUBMITTED'), notify('dossier.resubmitted', 'office')],
  },
  {
    from: 'returned',
    event: { type: 'DEADLINE_PASSED', kind: 'supplement' },
    to: 'lapsed',
    effects: [cascade('nominations', 'DOSSIER_WITHDRAWN'), notify('dossier.lapsed', 'unit')],
  },
  {
    from: 'returned',
    event: { type: 'WITHDRAW', reason: 'Đơn vị rút' },
    to: 'withdrawn',
    effects: [cascade('nominations', 'DOSSIER_WITHDRAWN')],
  },
  { from: 'accepted', event: { type: 'ALL_NOMINATIONS_SETTLED' }, to: 'closed' },
];

describeDecisionTable(def, rows);

describe('dossier states', () => {
  it('closed, withdrawn and lapsed are its final states', () => {
    const finals = Object.values(def.machine.root.states)
      .filter((n) => n.type === 'final')
      .map((n) => n.key)
      .sort();
    expect(finals).toEqual(['closed', 'lapsed', 'withdrawn']);
  });

  it('the receipt clock is paused, not restarted, while the dossier is returned', () => {
    const receipt = (
      stateNode(def.machine, 'submitted').meta as { deadlines: { kind: string; resumable?: boolean }[] }
    ).deadlines;
    expect(receipt).toEqual([
      expect.objectContaining({ kind: 'receipt', period: 'receiptPeriod', actor: 'office', resumable: true }),
    ]);
    expect(stateNode(def.machine, 'returned').meta).toMatchObject({ pauses: ['receipt'] });
  });

  it('the supplement deadline is dueAt when REQUEST_SUPPLEMENT gives one, else the supplement period', () => {
    expect(stateNode(def.machine, 'returned').meta).toMatchObject({
      deadlines: [{ kind: 'supplement', period: 'supplementPeriod', dueAtFromEvent: 'dueAt', actor: 'unit' }],
    });
    expect(Object.keys(def.events.REQUEST_SUPPLEMENT!.payload.shape)).toContain('dueAt');
  });
});
