import { setup } from 'xstate';
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
import { empty, reason } from './contract';

/**
 * Decisions (Quyết định) and submissions to the province (Tờ trình) share a signing lifecycle:
 * the office drafts, a director signs (the engine numbers the document in its issuer's yearly series).
 */
const signingEvents = {
  SUBMIT_FOR_SIGNATURE: {
    senders: ['office'],
    payload: empty,
    label: { vi: 'Trình ký', en: 'Submit for signature' },
  },
  SIGN: {
    senders: ['director'],
    // The password of the director's certificate when signing in the system (never recorded).
    payload: z.object({ signingPassword: z.string().min(1).max(256).optional() }),
    label: { vi: 'Ký ban hành', en: 'Sign' },
    secret: ['signingPassword'],
  },
  RETURN: {
    senders: ['director'],
    payload: z.object({ reason }),
    label: { vi: 'Trả lại dự thảo', en: 'Return' },
  },
  DISCARD: {
    senders: ['office'],
    payload: z.object({ reason: reason.optional() }),
    label: { vi: 'Hủy dự thảo', en: 'Discard draft' },
  },
} satisfies Record<string, EventSpec>;

export const decisionEvents = {
  ...signingEvents,
  REVOKE: {
    senders: ['director'],
    payload: z.object({ reason }),
    label: { vi: 'Thu hồi quyết định', en: 'Revoke' },
  },
} satisfies Record<string, EventSpec>;

export const submissionEvents = {
  ...signingEvents,
  NOMINATION_RESULT: {
    senders: ['system'],
    payload: z.object({ allResolved: z.boolean() }),
    label: { vi: 'Tỉnh trả kết quả', en: 'Province result recorded' },
  },
} satisfies Record<string, EventSpec>;

const meta = (m: StateMeta) => m;
const actions = {
  notify: (_: unknown, _params: NotifyParams) => undefined,
  cascade: (_: unknown, _params: CascadeParams) => undefined,
};

export const decisionMachine = setup({
  types: { context: {}, events: {} as EventsOf<typeof decisionEvents>, tags: {} as StateTag },
  actions,
}).createMachine({
  id: 'decision',
  initial: 'draft',
  context: {},
  states: {
    draft: {
      tags: ['holding', 'officeToAct'],
      meta: meta({ label: { vi: 'Dự thảo', en: 'Draft' } }),
      on: { SUBMIT_FOR_SIGNATURE: 'awaitingSignature', DISCARD: 'discarded' },
    },
    awaitingSignature: {
      tags: ['holding', 'directorToAct'],
      meta: meta({ label: { vi: 'Chờ ký', en: 'Awaiting signature' } }),
      on: {
        SIGN: {
          target: 'issued',
          actions: [{ type: 'cascade', params: { target: 'nominations', event: 'DECISION_SIGNED' } }],
        },
        RETURN: 'draft',
      },
    },
    issued: {
      tags: ['holding'],
      meta: meta({ label: { vi: 'Đã ban hành', en: 'Issued' } }),
      on: {
        REVOKE: {
          target: 'revoked',
          actions: [{ type: 'cascade', params: { target: 'nominations', event: 'DECISION_REVOKED' } }],
        },
      },
    },
    revoked: { type: 'final', meta: meta({ label: { vi: 'Đã thu hồi', en: 'Revoked' } }) },
    discarded: { type: 'final', meta: meta({ label: { vi: 'Đã hủy dự thảo', en: 'Discarded' } }) },
  },
});

export const submissionMachine = setup({
  types: { context: {}, events: {} as EventsOf<typeof submissionEvents>, tags: {} as StateTag },
  actions,
  guards: { isAllResolved: ({ event }) => event.type === 'NOMINATION_RESULT' && event.allResolved },
}).createMachine({
  id: 'submission',
  initial: 'draft',
  context: {},
  states: {
    draft: {
      tags: ['holding', 'officeToAct'],
      meta: meta({ label: { vi: 'Dự thảo', en: 'Draft' } }),
      on: { SUBMIT_FOR_SIGNATURE: 'awaitingSignature', DISCARD: 'discarded' },
    },
    awaitingSignature: {
      tags: ['holding', 'directorToAct'],
      meta: meta({ label: { vi: 'Chờ ký', en: 'Awaiting signature' } }),
      on: {
        SIGN: {
          target: 'sent',
          actions: [
            { type: 'cascade', params: { target: 'nominations', event: 'SUBMISSION_SIGNED' } },
            { type: 'notify', params: { template: 'submission.signed', to: ['provinceBoard'] } },
          ],
        },
        RETURN: 'draft',
      },
    },
    sent: {
      meta: meta({ label: { vi: 'Đã gửi tỉnh', en: 'Sent' } }),
      on: {
        // Sent by the engine after each answer from the province; only the last one closes the submission.
        NOMINATION_RESULT: { guard: 'isAllResolved', target: 'closed' },
      },
    },
    closed: { type: 'final', meta: meta({ label: { vi: 'Đã có kết quả', en: 'Closed' } }) },
    discarded: { type: 'final', meta: meta({ label: { vi: 'Đã hủy dự thảo', en: 'Discarded' } }) },
  },
});

export const decisionDefinition: MachineDefinition<typeof decisionMachine> = {
  recordType: 'decision',
  id: 'decision',
  version: 1,
  machine: decisionMachine,
  events: decisionEvents,
  initialContext: () => ({}),
};

export const submissionDefinition: MachineDefinition<typeof submissionMachine> = {
  recordType: 'submission',
  id: 'submission',
  version: 1,
  machine: submissionMachine,
  events: submissionEvents,
  initialContext: () => ({}),
};
