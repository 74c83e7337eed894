/**
 * A unit's code is the abbreviation that stands in its document symbols (NĐ 30/2020/NĐ-CP, Phụ lục I):
 * `05/QĐ-SLĐTBXH`. Officials write it in Vietnamese capitals, so `Đ` (and the other Vietnamese letters)
 * belong in it. One spelling per code: NFC, upper case, so that `slđtbxh` typed on a phone, `SLĐTBXH`
 * pasted from Word in NFD, and `SLĐTBXH` are the same code.
 */

/** Every capital of the Vietnamese alphabet, tone-marked forms included, in NFC. */
const vietnameseCapitals =
  'AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬBCDĐEÈÉẺẼẸÊỀẾỂỄỆFGHIÌÍỈĨỊJKLMNOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢPQRSTUÙÚỦŨỤƯỪỨỬỮỰVWXYỲÝỶỸỴZ';
const letter = `[${vietnameseCapitals}0-9]`;

export const UNIT_CODE_MAX = 32;
const pattern = new RegExp(`^${letter}(?:${letter}|[._-]){0,${UNIT_CODE_MAX - 1}}$`, 'u');

export const unitCodeRule =
  'Vietnamese capital letters, digits, ".", "_" and "-", starting with a letter or digit (at most 32)';

/** The one spelling of a code as typed: trimmed, NFC, Vietnamese upper case. */
export function normaliseUnitCode(raw: string): string {
  return raw.trim().normalize('NFC').toLocaleUpperCase('vi');
}

/** Whether an already normalised string is a unit code. */
export function isUnitCode(code: string): boolean {
  return pattern.test(code);
}
