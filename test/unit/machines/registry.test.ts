import { initialTransition } from 'xstate';
import { currentMachines, machineFor, recordTypes, roles } from '../../../machines';
import { campaignDefinition } from '../../../machines/campaign.machine';
import { dossierDefinition } from '../../../machines/dossier.machine';
import { nominationDefinition } from '../../../machines/nomination.machine';
import { decisionDefinition, submissionDefinition } from '../../../machines/document.machine';
import type { RecordType } from '../../../machines';
import { allSampleEvents, creationInput } from '../../helpers/machine-testing';

const expected = {
  campaign: campaignDefinition,
  dossier: dossierDefinition,
  nomination: nominationDefinition,
  decision: decisionDefinition,
  submission: submissionDefinition,
} as const;

describe('machineFor', () => {
  it.each(recordTypes)('returns the current %s definition by its id and version', (recordType) => {
    const def = currentMachines[recordType];
    expect(def).toBe(expected[recordType]);
    expect(def.recordType).toBe(recordType);
    expect(def.machine.id).toBe(def.id);
    expect(machineFor(def.id, def.version)).toBe(def);
  });

  it.each([
    ['an unknown version', 'dossier', 999],
    ['version 0', 'nomination', 0],
    ['an unknown id', 'award', 1],
  ])('throws for %s', (_n, id, version) => {
    expect(() => machineFor(id, version)).toThrow(`${id}@${version}`);
  });
});

describe('initialContext', () => {
  it.each(recordTypes)(
    '%s: a new record starts in its initial state with the context it was created with',
    (recordType) => {
      const def = currentMachines[recordType];
      const context = def.initialContext(creationInput[recordType]);
      const [snapshot, actions] = initialTransition(def.machine, context);
      expect(snapshot.status).toBe('active');
      expect(snapshot.value).toBe(def.machine.root.initial.target[0]?.key);
      expect(snapshot.context).toEqual(context);
      expect(actions).toEqual([]);
      // the stored form round-trips, and the new record can move
      const restored = def.machine.resolveState({
        value: snapshot.value,
        context: JSON.parse(JSON.stringify(context)),
      });
      expect(restored.value).toEqual(snapshot.value);
      expect(allSampleEvents(recordType).some((e) => restored.can(e))).toBe(true);
    },
  );

  it('a campaign keeps its nomination deadline, which its open state reads', () => {
    const context = campaignDefinition.initialContext({ nominationDeadline: '2026-11-30', extra: 'ignored' });
    expect(context).toEqual({ nominationDeadline: '2026-11-30' });
  });
});

describe('senders (DOMAIN.md, "Roles")', () => {
  const senders: [RecordType, string, string[]][] = [
    ['campaign', 'OPEN', ['admin', 'office']],
    ['dossier', 'SUBMIT', ['unit']],
    ['dossier', 'RESUBMIT', ['unit']],
    ['dossier', 'WITHDRAW', ['unit']],
    ['dossier', 'RECEIVE', ['office']],
    ['dossier', 'REQUEST_SUPPLEMENT', ['office']],
    ['nomination', 'APPRAISE', ['office']],
    ['nomination', 'RECORD_VOTE', ['office']],
    ['nomination', 'RECORD_PROVINCE_RESULT', ['office']],
    ['nomination', 'APPROVE', ['director']],
    ['nomination', 'REJECT', ['director']],
    ['nomination', 'SEND_BACK', ['director']],
    ['nomination', 'REVOKE', ['director']],
    ['decision', 'SIGN', ['director']],
    ['submission', 'SIGN', ['director']],
  ];
  it.each(senders)('%s %s is sent by %j', (recordType, type, who) => {
    expect([...(currentMachines[recordType].events[type]?.senders ?? [])].sort()).toEqual([...who].sort());
  });

  it.each(recordTypes)(
    '%s: every sender is a role or the system; deadlines come from the system only',
    (recordType) => {
      for (const [type, spec] of Object.entries(currentMachines[recordType].events)) {
        expect(spec.senders.length).toBeGreaterThan(0);
        for (const s of spec.senders) expect([...roles, 'system']).toContain(s);
        if (type === 'DEADLINE_PASSED') expect(spec.senders).toEqual(['system']);
        expect(spec.label.vi.trim()).not.toBe('');
        expect(spec.label.en.trim()).not.toBe('');
      }
    },
  );
});
