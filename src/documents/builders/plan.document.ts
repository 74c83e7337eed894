import { z } from 'zod';
import {
  heading,
  officialDocument,
  para,
  runs,
  type Block,
  type OfficialDocument,
} from '../model/document.model';
import { requiredTextSchema } from '../model/text';
import { documentHeadSchema, recipientLines, recipientsSchema, signatory, signerDataSchema } from './common';

/**
 * The campaign plan (Kế hoạch phát động phong trào thi đua, type `KH`): the grounds (directives cited by
 * number and date), sections I/II/III with their paragraphs, the theme and the slogan, the recipients.
 */
const sectionSchema = z.object({
  /** `MỤC ĐÍCH, YÊU CẦU` (numbered I., II., … in order). */
  heading: requiredTextSchema,
  /** Paragraphs, or numbered items with their own paragraphs. */
  items: z.array(
    z.union([
      requiredTextSchema,
      z.object({ heading: requiredTextSchema, paragraphs: z.array(requiredTextSchema) }),
    ]),
  ),
});

export const planDataSchema = documentHeadSchema.extend({
  /** `Phát động phong trào thi đua năm 2026`. */
  subject: requiredTextSchema,
  grounds: z.array(requiredTextSchema).min(1),
  /** The theme and slogan, placed at the head of section II (content). */
  theme: requiredTextSchema,
  slogan: requiredTextSchema,
  sections: z.array(sectionSchema).min(1),
  closing: requiredTextSchema,
  recipients: recipientsSchema.min(1),
  signer: signerDataSchema,
});
export type PlanData = z.input<typeof planDataSchema>;

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/** The three sections of the sample plan, as the default outline the office edits. */
export const defaultPlanOutline = ['MỤC ĐÍCH, YÊU CẦU', 'NỘI DUNG THI ĐUA', 'TỔ CHỨC THỰC HIỆN'] as const;

export function planDocument(input: PlanData): OfficialDocument {
  const d = planDataSchema.parse(input);
  const body: Block[] = d.grounds.map((g) => para(g));
  d.sections.forEach((s, i) => {
    body.push(heading(`${ROMAN[i] ?? String(i + 1)}. ${s.heading.toLocaleUpperCase('vi-VN')}`));
    if (i === 1) {
      body.push(heading('1. Chủ đề, khẩu hiệu thi đua'));
      body.push(
        runs([
          { text: 'Chủ đề: ', bold: true },
          { text: `“${d.theme}”.`, italic: true },
        ]),
      );
      body.push(
        runs([
          { text: 'Khẩu hiệu: ', bold: true },
          { text: `“${d.slogan}”.`, italic: true },
        ]),
      );
    }
    let n = i === 1 ? 1 : 0;
    for (const item of s.items) {
      if (typeof item === 'string') {
        body.push(para(item));
      } else {
        n += 1;
        body.push(heading(`${n}. ${item.heading}`));
        for (const p of item.paragraphs) body.push(para(p));
      }
    }
  });
  body.push(para(d.closing));
  return officialDocument({
    kind: 'plan',
    type: 'KH',
    issuer: d.issuer,
    number: d.number,
    date: d.date,
    year: d.year,
    title: 'KẾ HOẠCH',
    subject: [d.subject],
    body,
    recipients: recipientLines(d.recipients),
    signatories: [signatory(d.signer)],
  });
}
