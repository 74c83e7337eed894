import { discardStored, storeUpload } from '../storage/files';
import { addAttachment } from '../workflow/dossiers/add-attachment';
import { addNomination } from '../workflow/dossiers/add-nomination';
import { createDossier } from '../workflow/dossiers/create-dossier';
import { sendEvent } from '../workflow/engine/send-event';
import type { Actor, EngineDeps } from '../workflow/types';

/**
 * Two dossiers that walk into the demo policy's deadlines (demo-policy.ts) on their own, from the
 * moment the demo organisation is created:
 * - Phòng Người có công's is submitted and nobody receives it: reminder to the office at 2:00, the
 *   receipt deadline passes at 3:00 (the office is told), escalation to the director at 3:30;
 * - Phòng Bảo trợ xã hội's is returned for supplement and never resubmitted: reminder to its clerk at
 *   3:00, lapse at 4:00 (its nomination is withdrawn, its clerk told).
 * Each carries one Giấy khen nomination and the three files an ordinary dossier needs.
 */

export interface DemoDeadlineDossiers {
  unreceivedDossierId: number;
  returnedDossierId: number;
}

export async function seedDemoDeadlines(
  engine: EngineDeps,
  opts: {
    year: number;
    campaignId: number;
    dataDir: string;
    office: Actor;
    /** The clerk whose dossier nobody receives, and the one whose dossier is returned. */
    unreceived: { clerk: Actor; unitName: string; nominee: string };
    returned: { clerk: Actor; unitName: string; nominee: string };
  },
): Promise<DemoDeadlineDossiers> {
  const submitted = async (who: { clerk: Actor; unitName: string; nominee: string }) => {
    const dossier = await createDossier(engine, who.clerk, {
      campaignId: opts.campaignId,
      title: `Hồ sơ đề nghị Giấy khen năm ${opts.year} – ${who.unitName}`,
    });
    await addNomination(engine, who.clerk, dossier.id, {
      awardCode: 'GKGD',
      nominee: { kind: 'individual', fullName: who.nominee, position: 'Chuyên viên' },
      summary: `Hoàn thành xuất sắc nhiệm vụ năm ${opts.year}; ${who.unitName}.`,
    });
    for (const [kind, label] of [
      ['coverLetter', 'To trinh de nghi khen thuong'],
      ['minutes', 'Bien ban hop binh xet'],
      ['achievementReport', 'Bao cao thanh tich'],
    ] as const)
      await addAttachment(engine, who.clerk, dossier.id, kind, {
        store: () =>
          storeUpload(opts.dataDir, {
            buffer: demoPdf(`${label} - ${dossier.id}`),
            filename: `${kind}-${dossier.id}.pdf`,
          }),
        discard: (key) => discardStored(opts.dataDir, key),
      });
    await sendEvent(engine, who.clerk, { recordType: 'dossier', id: dossier.id, event: { type: 'SUBMIT' } });
    return dossier.id;
  };

  const unreceivedDossierId = await submitted(opts.unreceived);
  const returnedDossierId = await submitted(opts.returned);
  await sendEvent(engine, opts.office, {
    recordType: 'dossier',
    id: returnedDossierId,
    event: {
      type: 'REQUEST_SUPPLEMENT',
      reason: 'Bổ sung biên bản họp bình xét có đủ chữ ký của các thành viên Hội đồng.',
    },
  });
  return { unreceivedDossierId, returnedDossierId };
}

/** A one-page PDF saying `line` (ASCII: the PDF's standard font has no Vietnamese letters). */
export function demoPdf(line: string): Buffer {
  const text = line.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = `BT /F1 14 Tf 72 770 Td (Accolade demo) Tj 0 -24 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const [i, o] of objects.entries()) {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
