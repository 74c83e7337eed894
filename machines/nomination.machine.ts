import { assign, setup } from 'xstate';
import { z } from 'zod';
import type {
  CascadeParams,
  EventSpec,
  EventsOf,
  MachineDefinition,
  NotifyParams,
  StateMeta,
  StateTag,
} from './contract';
import { hasQuorum, noQuorumMessage } from './quorum';
import { deadlinePassed, empty, reason } from './contract';

/** The award rules a nomination is judged by: those in force when its dossier was received. */
export const awardRulesSchema = z.object({
  code: z.string(),
  authority: z.enum(['department', 'province', 'national']),
  needsVote: z.boolean(),
  needsNotice: z.boolean(),
  voteThreshold: z.number().gt(0).max(1),
});
export type AwardRules = z.infer<typeof awardRulesSchema>;

const count = z.number().int().min(0).max(1000);
/** A meeting without a two-thirds quorum cannot vote: such a tally is bad input (400), not a state. */
export const recordVotePayload = z
  .object({ membersTotal: count.min(1), present: count, yes: count })
  .superRefine((v, ctx) => {
    if (v.present > v.membersTotal)
      ctx.addIssue({ code: 'custom', path: ['present'], message: 'cannot exceed membersTotal' });
    if (v.yes > v.present) ctx.addIssue({ code: 'custom', path: ['yes'], message: 'cannot exceed present' });
    if (!hasQuorum(v.membersTotal, v.present))
      ctx.addIssue({ code: 'custom', path: ['present'], message: noQuorumMessage });
  });

export const provinceResultPayload = z
  .object({
    outcome: z.enum(['approved', 'rejected', 'returned']),
    decisionNumber: z.string().trim().min(1).max(100).optional(),
    decidedOn: z.iso.date().optional(),
    reason: reason.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'approved') {
      if (!v.decisionNumber)
        ctx.addIssue({ code: 'custom', path: ['decisionNumber'], message: 'required when approved' });
      if (!v.decidedOn)
        ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: 'required when approved' });
    } else if (!v.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: `required when ${v.outcome}` });
    }
  });

export const nominationEvents = {
  DOSSIER_SUBMITTED: {
    senders: ['system'],
    payload: empty,
    label: { vi: 'Hồ sơ đã nộp', en: 'Dossier submitted' },
  },
  DOSSIER_ACCEPTED: {
    senders: ['system'],
    payload: z.object({ rules: awardRulesSchema }),
    label: { vi: 'Hồ sơ được tiếp nhận', en: 'Dossier accepted' },
  },
  DOSSIER_WITHDRAWN: {
    senders: ['system'],
    payload: empty,
    label: { vi: 'Hồ sơ bị rút', en: 'Dossier withdrawn' },
  },
  REMOVE: {
    senders: ['unit'],
    payload: z.object({ reason: reason.optional() }),
    label: { vi: 'Bỏ khỏi hồ sơ', en: 'Remove from dossier' },
  },
  APPRAISE: {
    senders: ['office'],
    payload: z
      .object({ eligible: z.boolean(), reason: reason.optional(), overrideReason: reason.optional() })
      .superRefine((v, ctx) => {
        if (!v.eligible && !v.reason)
          ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required when not eligible' });
      }),
    label: { vi: 'Thẩm định', en: 'Appraise' },
  },
  FILE_OBJECTION: {
    senders: ['office', 'council', 'director'],
    payload: z.object({ text: z.string().trim().min(1).max(4000) }),
    label: { vi: 'Ghi nhận ý kiến phản ánh', en: 'File objection' },
  },
  RECORD_VOTE: {
    senders: ['office'],
    payload: recordVotePayload,
    label: { vi: 'Ghi kết quả bỏ phiếu', en: 'Record vote' },
  },
  APPROVE: { senders: ['director'], payload: empty, label: { vi: 'Phê duyệt', en: 'Approve' } },
  REJECT: {
    senders: ['director'],
    payload: z.object({ reason }),
    label: { vi: 'Không phê duyệt', en: 'Reject' },
  },
  SEND_BACK: {
    senders: ['director'],
    payload: z.object({ reason }),
    label: { vi: 'Trả lại thẩm định', en: 'Send back' },
  },
  DECISION_SIGNED: {
    senders: ['system'],
    payload: z.object({ decisionId: z.number().int(), number: z.string() }),
    label: { vi: 'Quyết định được ký', en: 'Decision signed' },
  },
  DECISION_REVOKED: {
    senders: ['system'],
    payload: z.object({ decisionId: z.number().int(), reason }),
    label: { vi: 'Quyết định bị thu hồi', en: 'Decision revoked' },
  },
  SUBMISSION_SIGNED: {
    senders: ['system'],
    payload: z.object({ submissionId: z.number().int(), number: z.string() }),
    label: { vi: 'Tờ trình được ký', en: 'Submission signed' },
  },
  RECORD_PROVINCE_RESULT: {
    senders: ['office'],
    payload: provinceResultPayload,
    label: { vi: 'Ghi kết quả của tỉnh', en: 'Record province result' },
  },
  REVOKE: { senders: ['director'], payload: z.object({ reason }), label: { vi: 'Thu hồi', en: 'Revoke' } },
  DEADLINE_PASSED: deadlinePassed,
} satisfies Record<string, EventSpec>;

type NominationEvent = EventsOf<typeof nominationEvents>;

export interface NominationContext {
  rules: AwardRules | null;
  objections: number;
  decisionNumber?: string;
  submissionNumber?: string;
}

const meta = (m: StateMeta) => m;
const settled = { type: 'cascade', params: { target: 'dossier', event: 'NOMINATION_SETTLED' } } as const;
const remindPassed = (kind: string, actor: 'office' | 'director') =>
  ({
    guard: { type: 'isDeadline', params: { kind } },
    actions: [{ type: 'notify', params: { template: 'deadline.passed', to: [actor] } }],
  }) as const;

export const nominationMachine = setup({
  types: { context: {} as NominationContext, events: {} as NominationEvent, tags: {} as StateTag },
  actions: {
    notify: (_, _params: NotifyParams) => undefined,
    cascade: (_, _params: CascadeParams) => undefined,
  },
  guards: {
    isDeadline: ({ event }, params: { kind: string }) =>
      event.type === 'DEADLINE_PASSED' && event.kind === params.kind,
    isEligible: ({ event }) => event.type === 'APPRAISE' && event.eligible,
    needsNotice: ({ context }) => context.rules?.needsNotice === true,
    needsVote: ({ context }) => context.rules?.needsVote === true,
    hasPassedVote: ({ context, event }) =>
      event.type === 'RECORD_VOTE' &&
      context.rules !== null &&
      event.yes / event.membersTotal >= context.rules.voteThreshold - 1e-9,
    isWithinDepartment: ({ context }) => context.rules?.authority === 'department',
    isApproved: ({ event }) => event.type === 'RECORD_PROVINCE_RESULT' && event.outcome === 'approved',
    isReturned: ({ event }) => event.type === 'RECORD_PROVINCE_RESULT' && event.outcome === 'returned',
  },
}).createMachine({
  id: 'nomination',
  initial: 'draft',
  context: { rules: null, objections: 0 },
  states: {
    draft: {
      tags: ['live'],
      meta: meta({ label: { vi: 'Đang soạn', en: 'Draft' } }),
      on: {
        DOSSIER_SUBMITTED: 'pending',
        DOSSIER_WITHDRAWN: { target: 'withdrawn', actions: settled },
        // A clerk takes a line out of a draft dossier: kept, with its history, as withdrawn.
        REMOVE: 'withdrawn',
      },
    },
    pending: {
      tags: ['live'],
      meta: meta({ label: { vi: 'Chờ tiếp nhận', en: 'Pending' } }),
      on: {
        DOSSIER_ACCEPTED: { target: 'appraisal', actions: assign({ rules: ({ event }) => event.rules }) },
        DOSSIER_WITHDRAWN: { target: 'withdrawn', actions: settled },
      },
    },
    appraisal: {
      tags: ['live', 'officeToAct'],
      meta: meta({
        label: { vi: 'Đang thẩm định', en: 'In appraisal' },
        deadlines: [{ kind: 'appraisal', period: 'appraisalPeriod', actor: 'office' }],
      }),
      on: {
        APPRAISE: [
          { guard: { type: 'isEligible' }, target: 'routing' },
          {
            target: 'rejected',
            actions: [settled, { type: 'notify', params: { template: 'nomination.rejected', to: ['unit'] } }],
          },
        ],
        DEADLINE_PASSED: remindPassed('appraisal', 'office'),
      },
    },
    /** Transient: where an eligible nomination goes next depends on its award's rules. */
    routing: {
      tags: ['live'],
      meta: meta({ label: { vi: 'Chuyển bước', en: 'Routing' } }),
      always: [
        { guard: 'needsNotice', target: 'publicNotice' },
        { guard: 'needsVote', target: 'councilReview' },
        { target: 'directorReview' },
      ],
    },
    publicNotice: {
      tags: ['live', 'officeToAct'],
      meta: meta({
        label: { vi: 'Đang công khai', en: 'Public notice' },
        deadlines: [{ kind: 'notice', period: 'noticePeriod', actor: 'office' }],
      }),
      on: {
        FILE_OBJECTION: { actions: assign({ objections: ({ context }) => context.objections + 1 }) },
        DEADLINE_PASSED: {
          guard: { type: 'isDeadline', params: { kind: 'notice' } },
          target: 'councilReview',
        },
      },
    },
    councilReview: {
      tags: ['live', 'officeToAct'],
      meta: meta({ label: { vi: 'Chờ Hội đồng xét', en: 'Council review' } }),
      on: {
        FILE_OBJECTION: { actions: assign({ objections: ({ context }) => context.objections + 1 }) },
        RECORD_VOTE: [
          { guard: 'hasPassedVote', target: 'directorReview' },
          {
            target: 'rejected',
            actions: [settled, { type: 'notify', params: { template: 'nomination.rejected', to: ['unit'] } }],
          },
        ],
      },
    },
    directorReview: {
      tags: ['live', 'directorToAct'],
      meta: meta({
        label: { vi: 'Chờ Giám đốc duyệt', en: 'Director review' },
        deadlines: [{ kind: 'directorReview', period: 'directorReviewPeriod', actor: 'director' }],
      }),
      on: {
        APPROVE: [
          { guard: 'isWithinDepartment', target: 'awaitingDecision' },
          { target: 'awaitingForwarding' },
        ],
        REJECT: {
          target: 'rejected',
          actions: [settled, { type: 'notify', params: { template: 'nomination.rejected', to: ['unit'] } }],
        },
        SEND_BACK: 'appraisal',
        DEADLINE_PASSED: remindPassed('directorReview', 'director'),
      },
    },
    awaitingDecision: {
      tags: ['live'],
      meta: meta({ label: { vi: 'Chờ ra quyết định', en: 'Awaiting decision' } }),
      on: {
        DECISION_SIGNED: {
          target: 'awarded',
          actions: [
            assign({ decisionNumber: ({ event }) => event.number }),
            settled,
            { type: 'notify', params: { template: 'nomination.awarded', to: ['unit'] } },
          ],
        },
      },
    },
    awaitingForwarding: {
      tags: ['live'],
      meta: meta({ label: { vi: 'Chờ trình tỉnh', en: 'Awaiting forwarding' } }),
      on: {
        SUBMISSION_SIGNED: {
          target: 'atProvince',
          actions: assign({ submissionNumber: ({ event }) => event.number }),
        },
      },
    },
    atProvince: {
      tags: ['live'],
      meta: meta({
        label: { vi: 'Đã trình tỉnh', en: 'At province' },
        deadlines: [{ kind: 'provinceResponse', period: 'provinceResponsePeriod', actor: 'office' }],
      }),
      on: {
        RECORD_PROVINCE_RESULT: [
          {
            guard: 'isApproved',
            target: 'awarded',
            actions: [
              assign({ decisionNumber: ({ event }) => event.decisionNumber }),
              settled,
              { type: 'cascade', params: { target: 'submission', event: 'NOMINATION_RESULT' } },
              { type: 'notify', params: { template: 'nomination.awarded', to: ['unit'] } },
            ],
          },
          {
            guard: 'isReturned',
            target: 'appraisal',
            actions: [{ type: 'cascade', params: { target: 'submission', event: 'NOMINATION_RESULT' } }],
          },
          {
            target: 'rejected',
            actions: [
              settled,
              { type: 'cascade', params: { target: 'submission', event: 'NOMINATION_RESULT' } },
              { type: 'notify', params: { template: 'nomination.rejected', to: ['unit'] } },
            ],
          },
        ],
        DEADLINE_PASSED: remindPassed('provinceResponse', 'office'),
      },
    },
    awarded: {
      tags: ['live', 'settled'],
      meta: meta({ label: { vi: 'Đã khen thưởng', en: 'Awarded' } }),
      on: {
        REVOKE: {
          target: 'revoked',
          actions: { type: 'notify', params: { template: 'nomination.revoked', to: ['unit'] } },
        },
        DECISION_REVOKED: {
          target: 'revoked',
          actions: { type: 'notify', params: { template: 'nomination.revoked', to: ['unit'] } },
        },
      },
    },
    rejected: {
      type: 'final',
      tags: ['settled'],
      meta: meta({ label: { vi: 'Không được khen thưởng', en: 'Rejected' } }),
    },
    withdrawn: { type: 'final', tags: ['settled'], meta: meta({ label: { vi: 'Đã rút', en: 'Withdrawn' } }) },
    revoked: { type: 'final', tags: ['settled'], meta: meta({ label: { vi: 'Đã thu hồi', en: 'Revoked' } }) },
  },
});

export const nominationDefinition: MachineDefinition<typeof nominationMachine> = {
  recordType: 'nomination',
  id: 'nomination',
  version: 1,
  machine: nominationMachine,
  events: nominationEvents,
  initialContext: () => ({ rules: null, objections: 0 }),
};
