import { nominationDefinition } from '../../../machines/nomination.machine';
import type { AwardRules } from '../../../machines/nomination.machine';
import type { MachineDefinition } from '../../../machines';
import type { Row } from '../../helpers/machine-testing';
import {
  awardRules,
  cascade,
  deadlineNotice,
  describeDecisionTable,
  nominationContext,
  notify,
  snapshotIn,
  attempt,
} from '../../helpers/machine-testing';

const def = nominationDefinition as MachineDefinition;

const settled = cascade('dossier', 'NOMINATION_SETTLED');
const toSubmission = cascade('submission', 'NOMINATION_RESULT');
const rejectedNotice = notify('nomination.rejected', 'unit');
const withRules = (rules: AwardRules) => nominationContext(rules);
const vote = (membersTotal: number, present: number, yes: number) => ({
  type: 'RECORD_VOTE',
  membersTotal,
  present,
  yes,
});
const threshold = (voteThreshold: number) => withRules({ ...awardRules.CSTDCS, voteThreshold });

/** DOMAIN.md, "nomination (one nominee, one award)". */
const rows: Row[] = [
  // draft → pending when its dossier is submitted; a nomination whose dossier is withdrawn becomes withdrawn.
  { from: 'draft', event: { type: 'DOSSIER_SUBMITTED' }, to: 'pending' },
  { from: 'draft', event: { type: 'DOSSIER_WITHDRAWN' }, to: 'withdrawn', effects: [settled] },
  // Not in DOMAIN.md: the unit takes a line out of its draft dossier; the record is kept as withdrawn.
  { from: 'draft', event: { type: 'REMOVE', reason: 'Đề nghị nhầm' }, to: 'withdrawn' },
  // pending → appraisal when its dossier is accepted, judged by the rules in force on that day.
  {
    from: 'pending',
    context: nominationContext(null),
    event: { type: 'DOSSIER_ACCEPTED', rules: awardRules.BKTTG },
    to: 'appraisal',
    contextAfter: { rules: awardRules.BKTTG, objections: 0 },
  },
  {
    from: 'pending',
    event: { type: 'DOSSIER_WITHDRAWN' },
    note: 'withdrawn or lapsed',
    to: 'withdrawn',
    effects: [settled],
  },
  // pending refuses DOSSIER_SUBMITTED (a resubmitted dossier's pending lines stay put: the engine only
  // cascades an event to the records whose machine can take it).
  // appraisal —APPRAISE eligible→ publicNotice | councilReview | directorReview, by the award's rules.
  {
    from: 'appraisal',
    context: withRules(awardRules.BKTTG),
    event: { type: 'APPRAISE', eligible: true },
    note: 'award needs notice',
    to: 'publicNotice',
  },
  {
    from: 'appraisal',
    context: withRules(awardRules.CSTDCS),
    event: { type: 'APPRAISE', eligible: true },
    note: 'award needs a vote, no notice',
    to: 'councilReview',
  },
  {
    from: 'appraisal',
    context: withRules(awardRules.CSTDT),
    event: { type: 'APPRAISE', eligible: true, overrideReason: 'Đã xác minh' },
    note: 'province award needing a vote',
    to: 'councilReview',
  },
  {
    from: 'appraisal',
    context: withRules(awardRules.LDTT),
    event: { type: 'APPRAISE', eligible: true },
    note: 'neither notice nor vote',
    to: 'directorReview',
  },
  {
    from: 'appraisal',
    event: { type: 'APPRAISE', eligible: false, reason: 'Đang bị xem xét kỷ luật' },
    to: 'rejected',
    effects: [settled, rejectedNotice],
  },
  {
    from: 'appraisal',
    event: { type: 'DEADLINE_PASSED', kind: 'appraisal' },
    note: 'reminder and escalation, no change of outcome',
    to: 'appraisal',
    effects: [deadlineNotice('office')],
  },
  // publicNotice —the notice period ends→ councilReview; objections filed meanwhile are counted.
  {
    from: 'publicNotice',
    context: nominationContext(awardRules.BKTTG, 2),
    event: { type: 'FILE_OBJECTION', text: 'Thành tích chưa đúng thực tế' },
    to: 'publicNotice',
    contextAfter: { objections: 3 },
  },
  {
    from: 'publicNotice',
    context: nominationContext(awardRules.BKTTG, 1),
    event: { type: 'DEADLINE_PASSED', kind: 'notice' },
    to: 'councilReview',
    contextAfter: { objections: 1 },
  },
  // councilReview —RECORD_VOTE→ directorReview when yes / membersTotal reaches the threshold, else rejected.
  {
    from: 'councilReview',
    context: nominationContext(awardRules.BKTTG, 0),
    event: { type: 'FILE_OBJECTION', text: 'Đơn phản ánh' },
    to: 'councilReview',
    contextAfter: { objections: 1 },
  },
  {
    from: 'councilReview',
    context: threshold(0.7),
    event: vote(10, 10, 7),
    note: '7/10 at 0.7',
    to: 'directorReview',
  },
  {
    from: 'councilReview',
    context: threshold(0.7),
    event: vote(10, 10, 6),
    note: '6/10 at 0.7',
    to: 'rejected',
    effects: [settled, rejectedNotice],
  },
  {
    from: 'councilReview',
    context: threshold(0.8),
    event: vote(10, 9, 8),
    note: '8/10 at 0.8',
    to: 'directorReview',
  },
  {
    from: 'councilReview',
    context: threshold(0.8),
    event: vote(10, 10, 7),
    note: '7/10 at 0.8',
    to: 'rejected',
    effects: [settled, rejectedNotice],
  },
  {
    from: 'councilReview',
    context: threshold(0.7),
    event: vote(10, 7, 7),
    note: 'share of all members, not of those present: 7/10 with 7 present at 0.7',
    to: 'directorReview',
  },
  {
    from: 'councilReview',
    context: threshold(0.8),
    event: vote(10, 7, 7),
    note: '7 of 7 present but 7/10 of all members at 0.8',
    to: 'rejected',
    effects: [settled, rejectedNotice],
  },
  {
    from: 'councilReview',
    context: threshold(2 / 3),
    event: vote(9, 6, 6),
    note: '6/9 at 2/3, no rounding loss',
    to: 'directorReview',
  },
  // directorReview —APPROVE→ awaitingDecision (department) | awaitingForwarding; —REJECT→ rejected; —SEND_BACK→ appraisal.
  {
    from: 'directorReview',
    context: withRules(awardRules.LDTT),
    event: { type: 'APPROVE' },
    note: 'department authority',
    to: 'awaitingDecision',
  },
  {
    from: 'directorReview',
    context: withRules(awardRules.CSTDT),
    event: { type: 'APPROVE' },
    note: 'province authority',
    to: 'awaitingForwarding',
  },
  {
    from: 'directorReview',
    context: withRules(awardRules.BKTTG),
    event: { type: 'APPROVE' },
    note: 'national authority',
    to: 'awaitingForwarding',
  },
  {
    from: 'directorReview',
    event: { type: 'REJECT', reason: 'Chưa đủ tiêu chuẩn' },
    to: 'rejected',
    effects: [settled, rejectedNotice],
  },
  { from: 'directorReview', event: { type: 'SEND_BACK', reason: 'Thẩm định lại' }, to: 'appraisal' },
  {
    from: 'directorReview',
    event: { type: 'DEADLINE_PASSED', kind: 'directorReview' },
    to: 'directorReview',
    effects: [deadlineNotice('director')],
  },
  // awaitingDecision → awarded when a decision listing it is signed.
  {
    from: 'awaitingDecision',
    context: withRules(awardRules.LDTT),
    event: { type: 'DECISION_SIGNED', decisionId: 7, number: '05/QĐ-SNV' },
    to: 'awarded',
    effects: [settled, notify('nomination.awarded', 'unit')],
    contextAfter: { decisionNumber: '05/QĐ-SNV' },
  },
  // awaitingForwarding → atProvince when a submission listing it is signed and sent.
  {
    from: 'awaitingForwarding',
    context: withRules(awardRules.CSTDT),
    event: { type: 'SUBMISSION_SIGNED', submissionId: 3, number: '03/TTr-SNV' },
    to: 'atProvince',
    contextAfter: { submissionNumber: '03/TTr-SNV' },
  },
  // atProvince —RECORD_PROVINCE_RESULT→ awarded | rejected | appraisal.
  {
    from: 'atProvince',
    context: withRules(awardRules.CSTDT),
    event: {
      type: 'RECORD_PROVINCE_RESULT',
      outcome: 'approved',
      decisionNumber: '120/QĐ-UBND',
      decidedOn: '2026-05-02',
    },
    note: 'approved',
    to: 'awarded',
    effects: [settled, toSubmission, notify('nomination.awarded', 'unit')],
    contextAfter: { decisionNumber: '120/QĐ-UBND' },
  },
  {
    from: 'atProvince',
    context: withRules(awardRules.CSTDT),
    event: { type: 'RECORD_PROVINCE_RESULT', outcome: 'rejected', reason: 'Không đủ điều kiện' },
    note: 'rejected',
    to: 'rejected',
    effects: [settled, toSubmission, rejectedNotice],
  },
  {
    from: 'atProvince',
    context: withRules(awardRules.CSTDT),
    event: { type: 'RECORD_PROVINCE_RESULT', outcome: 'returned', reason: 'Bổ sung hồ sơ' },
    note: 'returned',
    to: 'appraisal',
    effects: [toSubmission],
  },
  {
    from: 'atProvince',
    event: { type: 'DEADLINE_PASSED', kind: 'provinceResponse' },
    to: 'atProvince',
    effects: [deadlineNotice('office')],
  },
  // awarded —REVOKE→ revoked; awarded is final for everything else (a revoked decision revokes its awards).
  {
    from: 'awarded',
    event: { type: 'REVOKE', reason: 'Khai man thành tích' },
    to: 'revoked',
    effects: [notify('nomination.revoked', 'unit')],
  },
  {
    from: 'awarded',
    event: { type: 'DECISION_REVOKED', decisionId: 7, reason: 'Quyết định bị thu hồi' },
    to: 'revoked',
    effects: [notify('nomination.revoked', 'unit')],
  },
];

describeDecisionTable(def, rows);

describe('nomination routing', () => {
  it.each([
    ['needsNotice', awardRules.BKTTG, 'publicNotice'],
    ['needsNotice without a vote', awardRules.noticeNoVote, 'publicNotice'],
    ['needsVote', awardRules.CSTDCS, 'councilReview'],
    ['neither', awardRules.provinceNoVote, 'directorReview'],
  ] as const)(
    'an eligible nomination whose award has %s goes to %s, never resting in routing',
    (_n, rules, to) => {
      const o = attempt(def, snapshotIn(def, 'appraisal', withRules(rules)), {
        type: 'APPRAISE',
        eligible: true,
      });
      expect(o.after.value).toBe(to);
      expect(o.after.value).not.toBe('routing');
    },
  );

  it('rejected, withdrawn and revoked are final; awarded is not (it may still be revoked)', () => {
    const finals = Object.values(def.machine.root.states)
      .filter((n) => n.type === 'final')
      .map((n) => n.key)
      .sort();
    expect(finals).toEqual(['rejected', 'revoked', 'withdrawn']);
  });
});
