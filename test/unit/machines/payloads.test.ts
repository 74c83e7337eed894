import { recordTypes } from '../../../machines';
import type { RecordType } from '../../../machines';
import { definitions, payloadOf, sampleEvents } from '../../helpers/machine-testing';

function payloadSchema(recordType: RecordType, type: string) {
  const spec = definitions.find((d) => d.recordType === recordType)?.events[type];
  if (!spec) throw new Error(`${recordType} has no event ${type}`);
  return spec.payload;
}

describe('event payload examples', () => {
  it.each(recordTypes)('%s: every event of the events map has an example, and only those', (recordType) => {
    const def = definitions.find((d) => d.recordType === recordType)!;
    expect(Object.keys(sampleEvents(recordType)).sort()).toEqual(Object.keys(def.events).sort());
  });

  const examples = recordTypes.flatMap((recordType) =>
    Object.values(sampleEvents(recordType))
      .flat()
      .map(
        (event) =>
          [`${recordType} ${event.type} ${JSON.stringify(payloadOf(event))}`, recordType, event] as const,
      ),
  );
  it.each(examples)('accepts %s', (_name, recordType, event) => {
    const result = payloadSchema(recordType, event.type).safeParse(payloadOf(event));
    expect(result.error?.issues).toBeUndefined();
    expect(result.success).toBe(true);
  });
});

type Bad = [
  note: string,
  recordType: RecordType,
  type: string,
  payload: Record<string, unknown>,
  path: string,
];
const bad: Bad[] = [
  // RECORD_VOTE: quorum is two thirds of all members; yes cannot exceed present, present cannot exceed members.
  [
    'no quorum: 6 of 10 present',
    'nomination',
    'RECORD_VOTE',
    { membersTotal: 10, present: 6, yes: 6 },
    'present',
  ],
  [
    'no quorum: 5 of 9 present',
    'nomination',
    'RECORD_VOTE',
    { membersTotal: 9, present: 5, yes: 5 },
    'present',
  ],
  ['yes > present', 'nomination', 'RECORD_VOTE', { membersTotal: 10, present: 8, yes: 9 }, 'yes'],
  [
    'present > membersTotal',
    'nomination',
    'RECORD_VOTE',
    { membersTotal: 10, present: 11, yes: 5 },
    'present',
  ],
  ['no members', 'nomination', 'RECORD_VOTE', { membersTotal: 0, present: 0, yes: 0 }, 'membersTotal'],
  ['fractional count', 'nomination', 'RECORD_VOTE', { membersTotal: 10, present: 7.5, yes: 7 }, 'present'],
  ['negative count', 'nomination', 'RECORD_VOTE', { membersTotal: 10, present: 8, yes: -1 }, 'yes'],
  ['missing yes', 'nomination', 'RECORD_VOTE', { membersTotal: 10, present: 8 }, 'yes'],
  // APPRAISE: a negative appraisal needs its reason.
  ['not eligible without reason', 'nomination', 'APPRAISE', { eligible: false }, 'reason'],
  [
    'not eligible with a blank reason',
    'nomination',
    'APPRAISE',
    { eligible: false, reason: '   ' },
    'reason',
  ],
  ['eligible missing', 'nomination', 'APPRAISE', { reason: 'x' }, 'eligible'],
  // RECORD_PROVINCE_RESULT: approved needs the province's decision; rejected and returned need a reason.
  [
    'approved without decisionNumber',
    'nomination',
    'RECORD_PROVINCE_RESULT',
    { outcome: 'approved', decidedOn: '2026-05-02' },
    'decisionNumber',
  ],
  [
    'approved without decidedOn',
    'nomination',
    'RECORD_PROVINCE_RESULT',
    { outcome: 'approved', decisionNumber: '120/QĐ-UBND' },
    'decidedOn',
  ],
  [
    'approved with a bad date',
    'nomination',
    'RECORD_PROVINCE_RESULT',
    { outcome: 'approved', decisionNumber: '120/QĐ-UBND', decidedOn: '02/05/2026' },
    'decidedOn',
  ],
  ['rejected without reason', 'nomination', 'RECORD_PROVINCE_RESULT', { outcome: 'rejected' }, 'reason'],
  ['returned without reason', 'nomination', 'RECORD_PROVINCE_RESULT', { outcome: 'returned' }, 'reason'],
  [
    'unknown outcome',
    'nomination',
    'RECORD_PROVINCE_RESULT',
    { outcome: 'deferred', reason: 'x' },
    'outcome',
  ],
  // Reasons are required where DOMAIN.md gives one.
  ['REJECT without reason', 'nomination', 'REJECT', {}, 'reason'],
  ['SEND_BACK with an empty reason', 'nomination', 'SEND_BACK', { reason: '' }, 'reason'],
  ['REVOKE without reason', 'nomination', 'REVOKE', {}, 'reason'],
  ['reason too long', 'nomination', 'REJECT', { reason: 'x'.repeat(4001) }, 'reason'],
  ['empty objection', 'nomination', 'FILE_OBJECTION', { text: ' ' }, 'text'],
  ['rules missing', 'nomination', 'DOSSIER_ACCEPTED', {}, 'rules'],
  [
    'threshold of 0',
    'nomination',
    'DOSSIER_ACCEPTED',
    { rules: { code: 'X', authority: 'department', needsVote: true, needsNotice: false, voteThreshold: 0 } },
    'rules.voteThreshold',
  ],
  [
    'threshold above 1',
    'nomination',
    'DOSSIER_ACCEPTED',
    { rules: { code: 'X', authority: 'department', needsVote: true, needsNotice: false, voteThreshold: 70 } },
    'rules.voteThreshold',
  ],
  [
    'unknown authority',
    'nomination',
    'DOSSIER_ACCEPTED',
    { rules: { code: 'X', authority: 'district', needsVote: true, needsNotice: false, voteThreshold: 0.7 } },
    'rules.authority',
  ],
  [
    'decision id not an integer',
    'nomination',
    'DECISION_SIGNED',
    { decisionId: 1.5, number: '05/QĐ-SNV' },
    'decisionId',
  ],
  ['submission number missing', 'nomination', 'SUBMISSION_SIGNED', { submissionId: 1 }, 'number'],
  ['REQUEST_SUPPLEMENT without reason', 'dossier', 'REQUEST_SUPPLEMENT', {}, 'reason'],
  [
    'dueAt without a time zone',
    'dossier',
    'REQUEST_SUPPLEMENT',
    { reason: 'x', dueAt: '2026-03-10T17:00:00' },
    'dueAt',
  ],
  ['dueAt a date only', 'dossier', 'REQUEST_SUPPLEMENT', { reason: 'x', dueAt: '2026-03-10' }, 'dueAt'],
  ['WITHDRAW with a blank reason', 'dossier', 'WITHDRAW', { reason: ' ' }, 'reason'],
  ['deadline without kind', 'dossier', 'DEADLINE_PASSED', {}, 'kind'],
  ['deadline with an empty kind', 'campaign', 'DEADLINE_PASSED', { kind: '' }, 'kind'],
  ['RETURN without reason', 'decision', 'RETURN', {}, 'reason'],
  ['REVOKE a decision without reason', 'decision', 'REVOKE', {}, 'reason'],
  ['NOMINATION_RESULT without allResolved', 'submission', 'NOMINATION_RESULT', {}, 'allResolved'],
];

describe('event payloads refused', () => {
  it.each(bad)('%s (%s %s)', (_note, recordType, type, payload, path) => {
    const result = payloadSchema(recordType, type).safeParse(payload);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it.each([
    ['exactly two thirds present (6 of 9)', { membersTotal: 9, present: 6, yes: 6 }],
    ['7 of 10 present', { membersTotal: 10, present: 7, yes: 0 }],
    ['all present, all yes', { membersTotal: 15, present: 15, yes: 15 }],
  ])('RECORD_VOTE accepts a quorum: %s', (_note, payload) => {
    expect(payloadSchema('nomination', 'RECORD_VOTE').safeParse(payload).success).toBe(true);
  });

  it('REQUEST_SUPPLEMENT accepts a dueAt in UTC or with an offset, or none', () => {
    const schema = payloadSchema('dossier', 'REQUEST_SUPPLEMENT');
    for (const dueAt of ['2026-03-10T10:00:00Z', '2026-03-10T17:00:00+07:00', undefined])
      expect(schema.safeParse({ reason: 'Thiếu biên bản', dueAt }).success).toBe(true);
  });

  it('APPRAISE eligible needs no reason; an override reason is kept', () => {
    const schema = payloadSchema('nomination', 'APPRAISE');
    expect(schema.parse({ eligible: true })).toEqual({ eligible: true });
    expect(schema.parse({ eligible: true, overrideReason: ' Đã xác minh ' })).toEqual({
      eligible: true,
      overrideReason: 'Đã xác minh',
    });
  });
});
