import { decisionDefinition, submissionDefinition } from '../../../machines/document.machine';
import type { MachineDefinition } from '../../../machines';
import type { Effect, Row } from '../../helpers/machine-testing';
import { cascade, describeDecisionTable, notify } from '../../helpers/machine-testing';

const decision = decisionDefinition as MachineDefinition;
const submission = submissionDefinition as MachineDefinition;

/** Both documents: draft —SUBMIT_FOR_SIGNATURE→ awaitingSignature —SIGN→ … · —RETURN {reason}→ draft. */
const signing = (signed: string, onSign: Effect[]): Row[] => [
  { from: 'draft', event: { type: 'SUBMIT_FOR_SIGNATURE' }, to: 'awaitingSignature' },
  {
    from: 'draft',
    event: { type: 'DISCARD', reason: 'Lập nhầm' },
    note: 'not in DOMAIN.md',
    to: 'discarded',
  },
  { from: 'awaitingSignature', event: { type: 'SIGN' }, to: signed, effects: onSign },
  { from: 'awaitingSignature', event: { type: 'RETURN', reason: 'Sửa căn cứ' }, to: 'draft' },
];

/**
 * DOMAIN.md, "decision": … SIGN→ issued (every listed nomination becomes awarded); issued —REVOKE→ revoked.
 * The units concerned are notified by the nominations themselves when they become awarded.
 */
describeDecisionTable(decision, [
  ...signing('issued', [cascade('nominations', 'DECISION_SIGNED')]),
  {
    from: 'issued',
    event: { type: 'REVOKE', reason: 'Ban hành sai thẩm quyền' },
    to: 'revoked',
    effects: [cascade('nominations', 'DECISION_REVOKED')],
  },
]);

/**
 * DOMAIN.md, "submission": … SIGN→ sent (listed nominations become atProvince, the province board gets the
 * documents); sent → closed when every listed nomination has a result.
 */
describeDecisionTable(submission, [
  ...signing('sent', [
    cascade('nominations', 'SUBMISSION_SIGNED'),
    notify('submission.signed', 'provinceBoard'),
  ]),
  {
    from: 'sent',
    event: { type: 'NOMINATION_RESULT', allResolved: true },
    note: 'the last result',
    to: 'closed',
  },
  // sent refuses NOMINATION_RESULT {allResolved: false}: the engine skips a cascade its target cannot take.
]);

describe('document final states', () => {
  it.each([
    ['decision', decision, ['discarded', 'revoked']],
    ['submission', submission, ['closed', 'discarded']],
  ] as const)('%s: final states per DOMAIN.md, plus discarded drafts', (_name, def, expected) => {
    const finals = Object.values(def.machine.root.states)
      .filter((n) => n.type === 'final')
      .map((n) => n.key)
      .sort();
    expect(finals).toEqual(expected);
  });
});
