import { assign, setup } from 'xstate';
import type { EventSpec, EventsOf, MachineDefinition, NotifyParams, StateMeta, StateTag } from './contract';
import { deadlinePassed, empty } from './contract';

/** An emulation drive. Units submit dossiers while it is open; it closes at its nomination deadline. */
export const campaignEvents = {
  OPEN: { senders: ['admin', 'office'], payload: empty, label: { vi: 'Mở nhận hồ sơ', en: 'Open' } },
  CLOSE: { senders: ['admin', 'office'], payload: empty, label: { vi: 'Đóng nhận hồ sơ', en: 'Close' } },
  COMPLETE: { senders: ['admin', 'office'], payload: empty, label: { vi: 'Kết thúc đợt', en: 'Complete' } },
  DEADLINE_PASSED: deadlinePassed,
} satisfies Record<string, EventSpec>;

type CampaignEvent = EventsOf<typeof campaignEvents>;
interface CampaignContext {
  /** YYYY-MM-DD: the last day units may submit. */
  nominationDeadline: string;
  closedBy?: 'deadline' | 'hand';
}
const meta = (m: StateMeta) => m;

export const campaignMachine = setup({
  types: {
    context: {} as CampaignContext,
    events: {} as CampaignEvent,
    input: {} as CampaignContext,
    tags: {} as StateTag,
  },
  actions: { notify: (_, _params: NotifyParams) => undefined },
  guards: {
    isDeadline: ({ event }, params: { kind: string }) =>
      event.type === 'DEADLINE_PASSED' && event.kind === params.kind,
  },
}).createMachine({
  id: 'campaign',
  initial: 'planned',
  context: ({ input }) => input,
  states: {
    planned: {
      tags: ['registering'],
      meta: meta({ label: { vi: 'Kế hoạch', en: 'Planned' } }),
      on: {
        OPEN: {
          target: 'open',
          actions: [{ type: 'notify', params: { template: 'campaign.opened', to: ['unit'] } }],
        },
      },
    },
    open: {
      tags: ['registering'],
      meta: meta({
        label: { vi: 'Đang nhận hồ sơ', en: 'Open' },
        deadlines: [
          { kind: 'nomination', period: { contextDate: 'nominationDeadline' }, actor: 'unitsNotSubmitted' },
        ],
      }),
      on: {
        CLOSE: { target: 'closed', actions: assign({ closedBy: 'hand' as const }) },
        DEADLINE_PASSED: {
          guard: { type: 'isDeadline', params: { kind: 'nomination' } },
          target: 'closed',
          actions: assign({ closedBy: 'deadline' as const }),
        },
      },
    },
    closed: {
      meta: meta({ label: { vi: 'Đã đóng nhận hồ sơ', en: 'Closed' } }),
      on: { COMPLETE: 'completed' },
    },
    completed: { type: 'final', meta: meta({ label: { vi: 'Đã kết thúc', en: 'Completed' } }) },
  },
});

export const campaignDefinition: MachineDefinition<typeof campaignMachine> = {
  recordType: 'campaign',
  id: 'campaign',
  version: 1,
  machine: campaignMachine,
  events: campaignEvents,
  initialContext: (input) => {
    if (typeof input.nominationDeadline !== 'string')
      throw new Error('a campaign needs its nominationDeadline');
    return { nominationDeadline: input.nominationDeadline };
  },
};
