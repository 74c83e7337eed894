import { upper } from './text';

/**
 * The signer's capacity lines (NĐ 30/2020 Đ.13): in the head's own name (`GIÁM ĐỐC`), for the head
 * (`KT. GIÁM ĐỐC` / `PHÓ GIÁM ĐỐC`), acting (`Q. GIÁM ĐỐC`), for a collective body (`TM. HỘI ĐỒNG` /
 * `CHỦ TỊCH`), by order (`TL. GIÁM ĐỐC` / `CHÁNH VĂN PHÒNG`) and by authorisation (`TUQ. GIÁM ĐỐC`).
 */
export type SigningMode = 'own' | 'KT' | 'Q' | 'TM' | 'TL' | 'TUQ';

export function capacityLines(mode: SigningMode, principal: string, ownTitle?: string): string[] {
  const p = upper(principal);
  const own = ownTitle === undefined ? undefined : upper(ownTitle);
  switch (mode) {
    case 'own':
      return [p];
    case 'Q':
      return [`Q. ${p}`];
    case 'KT':
    case 'TM':
    case 'TL':
    case 'TUQ':
      if (own === undefined) throw new RangeError(`${mode}. needs the signer's own title`);
      return [`${mode}. ${p}`, own];
  }
}
