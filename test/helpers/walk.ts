import { addNomination } from '../../src/workflow/dossiers/add-nomination';
import { createCampaign } from '../../src/workflow/campaigns/create-campaign';
import { createDossier } from '../../src/workflow/dossiers/create-dossier';
import { sendEvent } from '../../src/workflow/engine/send-event';
import type { EngineDeps, RecordView } from '../../src/workflow/types';
import { attach, type Org } from './engine';

/** An open campaign and a submitted dossier of unit A with one LDTT nomination. */
export async function submittedDossier(
  deps: EngineDeps,
  org: Org,
  opts: { awardCode?: string; nominations?: number } = {},
): Promise<{ campaign: RecordView; dossier: RecordView; nominations: RecordView[] }> {
  const { office, clerkA } = org.actors;
  const campaign = await createCampaign(deps, office, {
    title: 'Thi đua năm 2026',
    kind: 'annual',
    year: 2026,
    nominationDeadline: '2026-12-31',
  });
  await sendEvent(deps, office, { recordType: 'campaign', id: campaign.id, event: { type: 'OPEN' } });
  const dossier = await createDossier(deps, clerkA, { campaignId: campaign.id, title: 'Hồ sơ' });
  const nominations: RecordView[] = [];
  for (let i = 0; i < (opts.nominations ?? 1); i++)
    nominations.push(
      await addNomination(deps, clerkA, dossier.id, {
        awardCode: opts.awardCode ?? 'LDTT',
        nominee: { kind: 'individual', fullName: `Nguyễn Văn ${i + 1}` },
        summary: 'Hoàn thành tốt nhiệm vụ',
      }),
    );
  await attach(deps.db, dossier.id, ['coverLetter', 'minutes', 'achievementReport', 'initiativeCertificate']);
  const submitted = await sendEvent(deps, clerkA, {
    recordType: 'dossier',
    id: dossier.id,
    event: { type: 'SUBMIT' },
  });
  return { campaign, dossier: submitted, nominations };
}
