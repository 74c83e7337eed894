/**
 * Document numbers (Nghị định 30/2020): `NN/<symbol>-<issuer code>`, NN the document's place in its
 * issuer's yearly series for that symbol, written with two digits at least (`05/QĐ-SNV`, `112/TTr-SNV`).
 * The series restarts at 01 every 1 January and is never reused; the counter is the database's.
 */
export const documentSymbols = {
  /** Quyết định khen thưởng. */
  decision: 'QĐ',
  /** Tờ trình (a proposal to the province). */
  submission: 'TTr',
  /** Kế hoạch (a campaign's plan). */
  plan: 'KH',
} as const;
export type DocumentSymbol = (typeof documentSymbols)[keyof typeof documentSymbols];

export function documentNumber(seq: number, symbol: string, issuerCode: string): string {
  if (!Number.isInteger(seq) || seq < 1)
    throw new RangeError(`a document's sequence number starts at 1, not ${seq}`);
  return `${String(seq).padStart(2, '0')}/${symbol}-${issuerCode}`;
}
