/**
 * Vietnamese text where it must become ASCII (user names derived from codes, file names, search keys):
 * the tone and vowel marks are dropped and `đ`/`Đ` — which has no decomposition in Unicode — becomes `d`/`D`.
 */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{Mn}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}
