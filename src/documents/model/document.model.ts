import { z } from 'zod';
import { documentTypeCodes, isoDateSchema, issuerCodeSchema } from './symbol';
import { requiredTextSchema, textSchema } from './text';

/**
 * The one model both renderers draw: an administrative document in the NĐ 30/2020 layout. Builders
 * (`*.document.ts`) make it from plain data; a caller may also build one directly through
 * `officialDocumentSchema.parse`, which normalises every string to NFC.
 */

export const issuerSchema = z.object({
  /** The parent body, upper case: `UBND TỈNH BẮC NINH`. Omitted for a body with none above it. */
  parent: requiredTextSchema.optional(),
  /** The issuing body, upper case: `SỞ NỘI VỤ`. */
  name: requiredTextSchema,
  /** Its abbreviation in symbols: `SNV`, `SLĐTBXH`. */
  code: issuerCodeSchema,
  /** The place in the date line: `Bắc Ninh`. */
  place: requiredTextSchema,
});
export type Issuer = z.infer<typeof issuerSchema>;

export const runSchema = z.object({
  text: textSchema,
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
});
export type Run = z.infer<typeof runSchema>;

export const alignSchema = z.enum(['left', 'center', 'right', 'justify']);
export type Align = z.infer<typeof alignSchema>;

export const paragraphBlockSchema = z.object({
  type: z.literal('paragraph'),
  runs: z.array(runSchema).min(1),
  align: alignSchema.default('justify'),
  /** First-line indent (body paragraphs); off for list lines. */
  indent: z.boolean().default(true),
});
export type ParagraphBlock = z.infer<typeof paragraphBlockSchema>;

/** A section heading: `I. MỤC ĐÍCH, YÊU CẦU`, `QUYẾT ĐỊNH:`. */
export const headingBlockSchema = z.object({
  type: z.literal('heading'),
  text: requiredTextSchema,
  align: z.enum(['left', 'center']).default('left'),
});
export type HeadingBlock = z.infer<typeof headingBlockSchema>;

export const tableColumnSchema = z.object({
  header: requiredTextSchema,
  /** Relative width; the columns share the text width in proportion. */
  width: z.number().positive(),
  align: z.enum(['left', 'center', 'right']).default('left'),
});
export type TableColumn = z.infer<typeof tableColumnSchema>;

export const tableSchema = z
  .object({
    columns: z.array(tableColumnSchema).min(1),
    rows: z.array(z.array(textSchema)),
  })
  .refine((t) => t.rows.every((r) => r.length === t.columns.length), 'every row has one cell per column');
export type Table = z.infer<typeof tableSchema>;

export const tableBlockSchema = z.object({ type: z.literal('table'), table: tableSchema });
export type TableBlock = z.infer<typeof tableBlockSchema>;

export const blockSchema = z.discriminatedUnion('type', [
  paragraphBlockSchema,
  headingBlockSchema,
  tableBlockSchema,
]);
export type Block = z.infer<typeof blockSchema>;

/**
 * One signatory: the capacity lines (`KT. GIÁM ĐỐC` / `PHÓ GIÁM ĐỐC`, `Q. GIÁM ĐỐC`, `TM. HỘI ĐỒNG` /
 * `CHỦ TỊCH`, `GIÁM ĐỐC`) and the name.
 */
export const signatorySchema = z.object({
  capacity: z.array(requiredTextSchema).min(1).max(3),
  name: requiredTextSchema,
});
export type Signatory = z.infer<typeof signatorySchema>;

export const annexSchema = z.object({
  /** `DANH SÁCH`, `PHỤ LỤC`. */
  title: requiredTextSchema,
  /** `Cá nhân được tặng Giấy khen của Giám đốc Sở Nội vụ`. */
  subtitle: requiredTextSchema.optional(),
  /** `(Kèm theo Quyết định số 05/QĐ-SNV ngày 05/12/2026 của Giám đốc Sở Nội vụ)`. */
  reference: requiredTextSchema,
  table: tableSchema,
  /** A line after the table: `Danh sách có 300 cá nhân./.`. */
  closing: requiredTextSchema.optional(),
});
export type Annex = z.infer<typeof annexSchema>;

export const documentKinds = ['decision', 'proposal', 'minutes', 'notice', 'plan'] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const officialDocumentSchema = z.object({
  kind: z.enum(documentKinds),
  type: z.enum(documentTypeCodes),
  issuer: issuerSchema,
  /** Null while a draft: the number line and the date keep blanks. */
  number: z.number().int().positive().nullable(),
  /** The issue date (YYYY-MM-DD, Asia/Ho_Chi_Minh), null while a draft. */
  date: isoDateSchema.nullable(),
  /** The year a draft's date line shows. */
  year: z.number().int().min(2000).max(2100),
  /** `QUYẾT ĐỊNH`, `TỜ TRÌNH`, `BIÊN BẢN`, `THÔNG BÁO`, `KẾ HOẠCH`. */
  title: requiredTextSchema,
  /** The subject (trích yếu), one or more lines: `Về việc tặng Giấy khen …`. */
  subject: z.array(requiredTextSchema).min(1),
  /** `Kính gửi: Ủy ban nhân dân tỉnh Bắc Ninh.` (a proposal). */
  addressee: requiredTextSchema.optional(),
  /** The issuing authority, centred and bold: `GIÁM ĐỐC SỞ NỘI VỤ`. */
  authority: requiredTextSchema.optional(),
  /** Legal grounds, italic, laws cited by name and date: `Căn cứ Luật Thi đua, khen thưởng ngày …;`. */
  grounds: z.array(requiredTextSchema).default([]),
  body: z.array(blockSchema),
  /** Nơi nhận; empty for a document without one (minutes). */
  recipients: z.array(requiredTextSchema).default([]),
  /** One signatory, or two (minutes: the secretary on the left, the chair on the right). The last signs. */
  signatories: z.array(signatorySchema).min(1).max(2),
  annex: annexSchema.optional(),
});
export type OfficialDocument = z.infer<typeof officialDocumentSchema>;
export type OfficialDocumentInput = z.input<typeof officialDocumentSchema>;

/** Parses (and NFC-normalises) a document model. */
export const officialDocument = (input: OfficialDocumentInput): OfficialDocument =>
  officialDocumentSchema.parse(input);

// Small constructors the builders share.
export const para = (text: string, options: { indent?: boolean; align?: Align } = {}): ParagraphBlock => ({
  type: 'paragraph',
  runs: [{ text }],
  align: options.align ?? 'justify',
  indent: options.indent ?? true,
});
export const runs = (items: Run[], options: { indent?: boolean; align?: Align } = {}): ParagraphBlock => ({
  type: 'paragraph',
  runs: items,
  align: options.align ?? 'justify',
  indent: options.indent ?? true,
});
export const heading = (text: string, align: 'left' | 'center' = 'left'): HeadingBlock => ({
  type: 'heading',
  text,
  align,
});
