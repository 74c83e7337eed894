import { missingAttachments, procedureFor } from '../../../src/domain/attachments-rules';
import { award } from './fixtures';

describe('required attachments: the union over the dossier’s awards', () => {
  test('an LDTT-only dossier with everything ordinary: nothing missing', () => {
    expect(
      missingAttachments({
        awards: [award('LDTT')],
        procedure: 'ordinary',
        present: ['coverLetter', 'minutes', 'achievementReport'],
      }),
    ).toEqual([]);
  });

  test('CSTDCS (ordinary) needs the initiative certificate, named with the awards requiring it', () => {
    const m = missingAttachments({
      awards: [award('LDTT'), award('CSTDCS'), award('CSTDT')],
      procedure: 'ordinary',
      present: ['coverLetter', 'achievementReport'],
    });
    expect(m.map((x) => x.kind)).toEqual(['minutes', 'initiativeCertificate']);
    expect(m[0]!.awards).toEqual(['CSTDCS', 'CSTDT', 'LDTT']);
    expect(m[1]!.awards).toEqual(['CSTDCS', 'CSTDT']);
    expect(m[1]!.message.vi).toContain('sáng kiến');
    expect(m[1]!.message.en).toContain('initiative certificate');
  });

  test('the simplified procedure (sudden campaign) needs only the cover letter and the report (Luật Đ.85)', () => {
    expect(procedureFor('sudden')).toBe('simplified');
    expect(procedureFor('annual')).toBe('ordinary');
    const m = missingAttachments({
      awards: [award('CSTDCS'), award('GKGD')],
      procedure: 'simplified',
      present: ['coverLetter'],
    });
    expect(m.map((x) => x.kind)).toEqual(['achievementReport']);
    expect(m[0]!.message.en).toContain('simplified');
    expect(
      missingAttachments({
        awards: [award('CSTDCS')],
        procedure: 'simplified',
        present: ['coverLetter', 'achievementReport'],
      }),
    ).toEqual([]);
  });

  test('an empty dossier lacks everything its awards need', () => {
    const m = missingAttachments({ awards: [award('BKTTG')], procedure: 'ordinary', present: [] });
    expect(m.map((x) => x.kind)).toEqual(['coverLetter', 'minutes', 'achievementReport']);
  });
});
