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
import { deadlinePassed, empty, reason } from './contract';

/** A unit's submission to a campaign (DOMAIN.md, "dossier"). */
export const dossierEvents = {
  SUBMIT: { senders: ['unit'], payload: empty, label: { vi: 'Nộp hồ sơ', en: 'Submit' } },
  RECEIVE: { senders: ['office'], payload: empty, label: { vi: 'Tiếp nhận', en: 'Receive' } },
  REQUEST_SUPPLEMENT: {
    senders: ['office'],
    payload: z.object({ reason, dueAt: z.iso.datetime({ offset: true }).optional() }),
    label: { vi: 'Trả lại để bổ sung', en: 'Return for supplement' },
  },
  RESUBMIT: { senders: ['unit'], payload: empty, label: { vi: 'Nộp lại', en: 'Resubmit' } },
  WITHDRAW: {
    senders: ['unit'],
    payload: z.object({ reason: reason.optional() }),
    label: { vi: 'Rút hồ sơ', en: 'Withdraw' },
  },
  DEADLINE_PASSED: deadlinePassed,
  ALL_NOMINATIONS_SETTLED: {
    senders: ['system'],
    payload: empty,
    label: { vi: 'Mọi đề nghị đã có kết quả', en: 'All nominations settled' },
  },
} satisfies Record<string, EventSpec>;

type DossierEvent = EventsOf<typeof dossierEvents>;

const meta = (m: StateMeta) => m;

export const dossierMachine = setup({
  types: { context: {}, events: {} as DossierEvent, tags: {} as StateTag },
  actions: {
    notify: (_, _params: NotifyParams) => undefined,
    cascade: (_, _params: CascadeParams) => undefined,
  },
  guards: {
    isDeadline: ({ event }, params: { kind: string }) =>
      event.type === 'DEADLINE_PASSED' && event.kind === params.kind,
  },
}).createMachine({
  id: 'dossier',
  initial: 'draft',
  context: {},
  states: {
    draft: {
      tags: ['editable'],
      meta: meta({ label: { vi: 'Đang soạn', en: 'Draft' } }),
      on: {
        SUBMIT: {
          target: 'submitted',
          actions: [
            { type: 'cascade', params: { target: 'nominations', event: 'DOSSIER_SUBMITTED' } },
            { type: 'notify', params: { template: 'dossier.submitted', to: ['office'] } },
          ],
        },
      },
    },
    submitted: {
      tags: ['handedIn', 'officeToAct'],
      meta: meta({
        label: { vi: 'Đã nộp, chờ tiếp nhận', en: 'Submitted, awaiting receipt' },
        deadlines: [{ kind: 'receipt', period: 'receiptPeriod', actor: 'office', resumable: true }],
      }),
      on: {
        RECEIVE: {
          target: 'accepted',
          actions: [
            { type: 'cascade', params: { target: 'nominations', event: 'DOSSIER_ACCEPTED' } },
            { type: 'notify', params: { template: 'dossier.received', to: ['unit'] } },
          ],
        },
        REQUEST_SUPPLEMENT: {
          target: 'returned',
          actions: [{ type: 'notify', params: { template: 'dossier.returned', to: ['unit'] } }],
        },
        WITHDRAW: {
          target: 'withdrawn',
          actions: [{ type: 'cascade', params: { target: 'nominations', event: 'DOSSIER_WITHDRAWN' } }],
        },
        DEADLINE_PASSED: {
          guard: { type: 'isDeadline', params: { kind: 'receipt' } },
          actions: [{ type: 'notify', params: { template: 'deadline.passed', to: ['office'] } }],
        },
      },
    },
    returned: {
      tags: ['editable', 'handedIn'],
      meta: meta({
        label: { vi: 'Trả lại để bổ sung', en: 'Returned for supplement' },
        deadlines: [
          { kind: 'supplement', period: 'supplementPeriod', dueAtFromEvent: 'dueAt', actor: 'unit' },
        ],
        pauses: ['receipt'],
      }),
      on: {
        RESUBMIT: {
          target: 'submitted',
          actions: [
            { type: 'cascade', params: { target: 'nominations', event: 'DOSSIER_SUBMITTED' } },
            { type: 'notify', params: { template: 'dossier.resubmitted', to: ['office'] } },
          ],
        },
        WITHDRAW: {
          target: 'withdrawn',
          actions: [{ type: 'cascade', params: { target: 'nominations', event: 'DOSSIER_WITHDRAWN' } }],
        },
        DEADLINE_PASSED: {
          guard: { type: 'isDeadline', params: { kind: 'supplement' } },
          target: 'lapsed',
          actions: [
            { type: 'cascade', params: { target: 'nominations', event: 'DOSSIER_WITHDRAWN' } },
            { type: 'notify', params: { template: 'dossier.lapsed', to: ['unit'] } },
          ],
        },
      },
    },
    accepted: {
      tags: ['handedIn'],
      meta: meta({ label: { vi: 'Đã tiếp nhận', en: 'Accepted' } }),
      on: { ALL_NOMINATIONS_SETTLED: { target: 'closed' } },
    },
    closed: { type: 'final', tags: ['handedIn'], meta: meta({ label: { vi: 'Đã kết thúc', en: 'Closed' } }) },
    withdrawn: { type: 'final', meta: meta({ label: { vi: 'Đã rút', en: 'Withdrawn' } }) },
    lapsed: { type: 'final', meta: meta({ label: { vi: 'Quá hạn bổ sung', en: 'Lapsed' } }) },
  },
});

export const dossierDefinition: MachineDefinition<typeof dossierMachine> = {
  recordType: 'dossier',
  id: 'dossier',
  version: 1,
  machine: dossierMachine,
  events: dossierEvents,
  initialContext: () => ({}),
};
