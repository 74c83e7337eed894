import { documentNumber, documentSymbols } from '../../../src/domain/numbering';

describe('document numbers (NĐ 30/2020)', () => {
  test.each([
    [1, documentSymbols.decision, 'SNV', '01/QĐ-SNV'],
    [5, documentSymbols.decision, 'SNV', '05/QĐ-SNV'],
    [12, documentSymbols.submission, 'SNV', '12/TTr-SNV'],
    [112, documentSymbols.submission, 'SLĐTBXH', '112/TTr-SLĐTBXH'],
    [3, documentSymbols.plan, 'SGDĐT', '03/KH-SGDĐT'],
  ])('%i of %s by %s → %s', (seq, symbol, issuer, expected) => {
    expect(documentNumber(seq, symbol, issuer)).toBe(expected);
  });

  test('a series starts at 1', () => {
    expect(() => documentNumber(0, 'QĐ', 'SNV')).toThrow(RangeError);
    expect(() => documentNumber(1.5, 'QĐ', 'SNV')).toThrow(RangeError);
  });
});
