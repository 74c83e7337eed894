import { campaignDefinition } from '../../../machines/campaign.machine';
import type { MachineDefinition } from '../../../machines';
import type { Row } from '../../helpers/machine-testing';
import { describeDecisionTable, notify, snapshotIn, stateNode } from '../../helpers/machine-testing';

const def = campaignDefinition as MachineDefinition;
const context = { nominationDeadline: '2026-03-31' };

/** DOMAIN.md, "campaign": planned —OPEN→ open —CLOSE or the nomination deadline passes→ closed —COMPLETE→ completed. */
const rows: Row[] = [
  { from: 'planned', event: { type: 'OPEN' }, to: 'open', effects: [notify('campaign.opened', 'unit')] },
  { from: 'open', event: { type: 'CLOSE' }, to: 'closed', contextAfter: { ...context, closedBy: 'hand' } },
  {
    from: 'open',
    event: { type: 'DEADLINE_PASSED', kind: 'nomination' },
    to: 'closed',
    contextAfter: { ...context, closedBy: 'deadline' },
  },
  { from: 'closed', context: { ...context, closedBy: 'hand' }, event: { type: 'COMPLETE' }, to: 'completed' },
];

describeDecisionTable(def, rows);

describe('campaign states', () => {
  it('completed is its only final state', () => {
    const finals = Object.values(def.machine.root.states)
      .filter((n) => n.type === 'final')
      .map((n) => n.key);
    expect(finals).toEqual(['completed']);
  });

  it('arms the nomination deadline from the date held in its context, reminding units that have not submitted', () => {
    const deadlines = (stateNode(def.machine, 'open').meta as { deadlines?: unknown[] }).deadlines;
    expect(deadlines).toEqual([
      { kind: 'nomination', period: { contextDate: 'nominationDeadline' }, actor: 'unitsNotSubmitted' },
    ]);
    expect(Object.keys(snapshotIn(def, 'open', context).context)).toContain('nominationDeadline');
  });
});
