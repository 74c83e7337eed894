import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFArray, PDFName, PDFRef, type PDFDocument } from 'pdf-lib';
import {
  certificateInfo,
  certificateToPem,
  checkSignedCopy,
  decisionDocument,
  DocumentsError,
  httpTimestampAuthority,
  Pkcs12Signer,
  renderPdf,
  signOfficialDocument,
  signPdf,
  stampAttachment,
  verifyPdf,
  WrongPasswordError,
  type RenderedPdf,
} from '../../../src/documents';
import { createDemoPki, type DemoPki } from '../../../src/documents/demo/demo-pki';
import { demoDecision } from '../../../src/documents/demo/demo-documents';
import { demoSealPng, demoSignaturePng } from '../../../src/documents/demo/demo-images';
import { startDemoTsa } from '../../../src/documents/demo/demo-tsa';
import { editIncrementally } from '../../../src/documents/signing/pdf-incremental';
import { pdfsig, withFile } from '../../helpers/documents';

const at = new Date('2026-12-05T02:12:00Z'); // 09:12 in Vietnam
let pki: DemoPki;
let rendered: RenderedPdf;
let signed: Buffer;
let director: Pkcs12Signer;
let seal: Pkcs12Signer;

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DocumentsError) return e.code;
    throw e;
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  pki = createDemoPki({ now: at });
  rendered = await renderPdf(decisionDocument(demoDecision(40)), {
    verificationUrl: 'https://accolade.example/xac-thuc/1',
  });
  director = Pkcs12Signer.open(pki.director.p12, pki.director.password);
  seal = Pkcs12Signer.open(pki.seal.p12, pki.seal.password);
  signed = await signOfficialDocument({
    pdf: rendered.bytes,
    signatureBox: rendered.signatureBox,
    person: { signer: director, image: demoSignaturePng() },
    seal: { signer: seal, place: 'Bắc Ninh' },
    signingTime: at,
    reason: 'Ký ban hành Quyết định 05/QĐ-SNV',
    location: 'Bắc Ninh',
  });
});

describe('PKCS#12 signer', () => {
  test('reads subject, issuer, serial and validity, with UTF-8 names decoded', () => {
    const i = director.info;
    expect(i.subject.commonName).toBe('Nguyễn Văn Quyết');
    expect(i.subject.title).toBe('Phó Giám đốc');
    expect(i.subject.organization).toBe('Sở Nội vụ tỉnh Bắc Ninh');
    expect(i.issuer.commonName).toBe('Accolade Demo Root CA');
    expect(i.serialNumber).toMatch(/^[0-9A-F]{32}$/);
    expect(i.notBefore.getTime()).toBeLessThan(at.getTime());
    expect(i.notAfter.getTime()).toBeGreaterThan(at.getTime());
    expect(director.chain).toHaveLength(1);
  });

  test('a wrong password is a named error', () => {
    expect(() => Pkcs12Signer.open(pki.director.p12, 'wrong')).toThrow(WrongPasswordError);
    try {
      Pkcs12Signer.open(pki.director.p12, 'wrong');
    } catch (e) {
      expect((e as DocumentsError).code).toBe('PKCS12_WRONG_PASSWORD');
    }
    expect(() => Pkcs12Signer.open(Buffer.from('not a p12'), 'x')).toThrow(
      expect.objectContaining({ code: 'PKCS12_INVALID' }),
    );
  });

  test('reads files OpenSSL makes (AES-256 default and 3DES)', () => {
    withFile(Buffer.from(''), 'x', (_p, dir) => {
      writeFileSync(join(dir, 'key.pem'), pki.director.key.export({ type: 'pkcs8', format: 'pem' }));
      writeFileSync(join(dir, 'cert.pem'), certificateToPem(pki.director.certificate));
      writeFileSync(join(dir, 'ca.pem'), certificateToPem(pki.caCertificate));
      for (const extra of [
        [],
        ['-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'],
      ]) {
        const out = join(dir, 'o.p12');
        execFileSync('openssl', [
          'pkcs12',
          '-export',
          '-inkey',
          join(dir, 'key.pem'),
          '-in',
          join(dir, 'cert.pem'),
          '-certfile',
          join(dir, 'ca.pem'),
          '-passout',
          'pass:mxt khxu',
          '-out',
          out,
          ...extra,
        ]);
        const s = Pkcs12Signer.open(execFileSync('cat', [out]), 'mxt khxu');
        expect(s.certificate.equals(pki.director.certificate)).toBe(true);
      }
    });
  });

  test('an expired certificate cannot sign', async () => {
    const expired = Pkcs12Signer.open(pki.expired.p12, pki.expired.password);
    expect(
      await refusal(
        signPdf(rendered.bytes, { signer: expired, placement: rendered.signatureBox, signingTime: at }),
      ),
    ).toBe('CERTIFICATE_EXPIRED');
  });

  test('a certificate the caller marks revoked cannot sign', async () => {
    const revoked = Pkcs12Signer.open(pki.revoked.p12, pki.revoked.password, { revoked: true });
    expect(
      await refusal(
        signPdf(rendered.bytes, { signer: revoked, placement: rendered.signatureBox, signingTime: at }),
      ),
    ).toBe('CERTIFICATE_REVOKED');
  });

  test('a certificate not yet valid cannot sign', async () => {
    const early = new Date(at.getTime() - 400 * 86_400_000);
    expect(
      await refusal(signPdf(rendered.bytes, { signer: director, placement: null, signingTime: early })),
    ).toBe('CERTIFICATE_NOT_YET_VALID');
  });
});

describe('a decision signed by the director, then sealed', () => {
  test('pdfsig: both signatures valid, the signer named, the seal covering the whole file', () => {
    const out = pdfsig(signed);
    expect(out.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    expect(out).toContain('Signer Certificate Common Name: Nguyễn Văn Quyết');
    expect(out).toContain('Signer Certificate Common Name: Sở Nội vụ tỉnh Bắc Ninh');
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    expect(out).toMatch(/Signature #2:[\s\S]*Total document signed/);
  });

  test('our verifier: valid, trusted chain, PAdES baseline attributes, who and when', async () => {
    const v = await verifyPdf(signed, { trustAnchors: [pki.caCertificate] });
    expect(v.valid).toBe(true);
    expect(v.signatures).toHaveLength(2);
    const [first, second] = v.signatures;
    expect(first?.signer?.commonName).toBe('Nguyễn Văn Quyết');
    expect(second?.signer?.commonName).toBe('Sở Nội vụ tỉnh Bắc Ninh');
    for (const s of v.signatures) {
      expect(s.digestValid && s.signatureValid).toBe(true);
      expect(s.chain).toBe('trusted');
      expect(s.padesBaseline).toBe(true);
      expect(s.subFilter).toBe('ETSI.CAdES.detached');
      expect(s.signingTime?.toISOString()).toBe(at.toISOString());
    }
    expect(first?.coversWholeFile).toBe(false);
    expect(second?.coversWholeFile).toBe(true);
    expect(first?.fieldName).toBe('Signature1');
    expect(second?.fieldName).toBe('Signature2');
  });

  test('every signature is an incremental update on the frozen bytes', () => {
    expect(signed.subarray(0, rendered.bytes.length).equals(rendered.bytes)).toBe(true);
  });

  test('openssl verifies the first signature against the demo CA', async () => {
    const v = await verifyPdf(signed);
    const [a, b, c, d] = v.signatures[0]?.byteRange ?? [0, 0, 0, 0];
    const hex = signed
      .subarray(b + 1, c - 1)
      .toString('latin1')
      .replace(/(00)+$/, '');
    withFile(
      Buffer.concat([signed.subarray(a, a + b), signed.subarray(c, c + d)]),
      'content.bin',
      (content, dir) => {
        writeFileSync(join(dir, 'sig.der'), Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex'));
        writeFileSync(join(dir, 'ca.pem'), certificateToPem(pki.caCertificate));
        const out = execFileSync(
          'openssl',
          [
            'cms',
            '-verify',
            '-binary',
            '-inform',
            'DER',
            '-in',
            join(dir, 'sig.der'),
            '-content',
            content,
            '-CAfile',
            join(dir, 'ca.pem'),
            '-purpose',
            'any',
            '-out',
            '/dev/null',
          ],
          { stdio: ['ignore', 'pipe', 'pipe'] },
        );
        expect(out.toString()).toBe('');
        const attrs = execFileSync('openssl', [
          'cms',
          '-cmsout',
          '-print',
          '-inform',
          'DER',
          '-in',
          join(dir, 'sig.der'),
        ]).toString();
        expect(attrs).toContain('signingCertificateV2 (1.2.840.113549.1.9.16.2.47)');
        expect(attrs).not.toContain('signingTime');
      },
    );
  });

  test('one changed byte fails in our verifier and in pdfsig', async () => {
    const tampered = Buffer.from(signed);
    const i = 2000; // inside the page content, covered by both signatures
    tampered[i] = (tampered[i] ?? 0) ^ 0x01;
    const v = await verifyPdf(tampered, { trustAnchors: [pki.caCertificate] });
    expect(v.valid).toBe(false);
    expect(v.signatures.every((s) => !s.digestValid)).toBe(true);
    const out = pdfsig(tampered);
    expect(out).not.toContain('Signature is Valid');
    expect(out).toMatch(/Digest Mismatch|Signature is Invalid/);
  });

  test('the signed copy passes checkSignedCopy against the frozen document', async () => {
    const r = await checkSignedCopy(rendered.bytes, signed, { trustAnchors: [pki.caCertificate] });
    expect(r.added.map((s) => s.signer?.commonName)).toEqual(['Nguyễn Văn Quyết', 'Sở Nội vụ tỉnh Bắc Ninh']);
  });
});

describe('an upload signed outside the system (checkSignedCopy)', () => {
  const anchors = () => ({ trustAnchors: [pki.caCertificate] });

  test('accepted: the frozen document plus an external signature', async () => {
    const external = await signPdf(rendered.bytes, {
      signer: director,
      placement: rendered.signatureBox,
      signingTime: at,
    });
    const r = await checkSignedCopy(rendered.bytes, external, anchors());
    expect(r.valid).toBe(true);
    expect(r.added).toHaveLength(1);
  });

  test('refused: extra content appended after signing', async () => {
    const external = await signPdf(rendered.bytes, {
      signer: director,
      placement: rendered.signatureBox,
      signingTime: at,
    });
    const appended = await editIncrementally(external, (doc) => addText(doc));
    expect(await refusal(checkSignedCopy(rendered.bytes, appended, anchors()))).toBe(
      'SIGNED_COPY_CONTENT_AFTER_SIGNATURE',
    );
    const junk = Buffer.concat([external, Buffer.from('\n% trailing bytes\n')]);
    expect(await refusal(checkSignedCopy(rendered.bytes, junk, anchors()))).toBe(
      'SIGNED_COPY_CONTENT_AFTER_SIGNATURE',
    );
  });

  test('refused: page content changed in an update, even if signed after it', async () => {
    const changed = await editIncrementally(rendered.bytes, (doc) => addText(doc));
    const resigned = await signPdf(changed, {
      signer: director,
      placement: rendered.signatureBox,
      signingTime: at,
    });
    expect((await verifyPdf(resigned)).valid).toBe(true);
    expect(await refusal(checkSignedCopy(rendered.bytes, resigned, anchors()))).toBe(
      'SIGNED_COPY_CONTENT_CHANGED',
    );
  });

  test('refused: any change to the frozen bytes', async () => {
    const modified = Buffer.from(rendered.bytes);
    modified[3000] = (modified[3000] ?? 0) ^ 0x01;
    const external = await signPdf(modified, {
      signer: director,
      placement: rendered.signatureBox,
      signingTime: at,
    });
    expect(await refusal(checkSignedCopy(rendered.bytes, external, anchors()))).toBe('SIGNED_COPY_MODIFIED');
  });

  test('refused: no signature, or a signature that does not verify', async () => {
    const unsigned = await editIncrementally(rendered.bytes, () => Promise.resolve([]));
    expect(await refusal(checkSignedCopy(rendered.bytes, unsigned, anchors()))).toBe('PDF_NOT_SIGNED');
    const external = await signPdf(rendered.bytes, {
      signer: director,
      placement: rendered.signatureBox,
      signingTime: at,
    });
    const v = await verifyPdf(external);
    const [, b] = v.signatures[0]?.byteRange ?? [0, 0];
    const broken = Buffer.from(external);
    broken[b + 200] = broken[b + 200] === 0x41 ? 0x42 : 0x41; // inside the CMS
    expect(await refusal(checkSignedCopy(rendered.bytes, broken, anchors()))).toBe(
      'SIGNED_COPY_INVALID_SIGNATURE',
    );
  });

  test('refused: a certificate from another CA', async () => {
    const other = createDemoPki({ now: at, bits: 1024 });
    const stranger = Pkcs12Signer.open(other.director.p12, other.director.password);
    const external = await signPdf(rendered.bytes, {
      signer: stranger,
      placement: rendered.signatureBox,
      signingTime: at,
    });
    expect(await refusal(checkSignedCopy(rendered.bytes, external, anchors()))).toBe(
      'SIGNED_COPY_INVALID_SIGNATURE',
    );
  });
});

describe('PAdES B-T with an RFC 3161 timestamp authority in the process', () => {
  test('the token is present, over the signature value, and valid', async () => {
    const tsa = await startDemoTsa({
      certificate: pki.tsa.certificate,
      key: pki.tsa.key,
      chain: [pki.caCertificate],
    });
    try {
      const bt = await signOfficialDocument({
        pdf: rendered.bytes,
        signatureBox: rendered.signatureBox,
        person: { signer: director },
        seal: { signer: seal, image: demoSealPng() },
        signingTime: at,
        timestampAuthority: httpTimestampAuthority(tsa.url),
      });
      expect(tsa.requests()).toBe(2);
      const v = await verifyPdf(bt, { trustAnchors: [pki.caCertificate] });
      expect(v.valid).toBe(true);
      for (const s of v.signatures) {
        expect(s.timestamp?.valid).toBe(true);
        expect(Math.abs((s.timestamp?.time?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
      }
      expect(pdfsig(bt).match(/Signature is Valid/g)).toHaveLength(2);
    } finally {
      await tsa.close();
    }
  });

  test('an unreachable authority is a named error', async () => {
    const tsa = httpTimestampAuthority('http://127.0.0.1:9/tsa', { timeoutMs: 2000 });
    expect(
      await refusal(
        signPdf(rendered.bytes, {
          signer: director,
          placement: null,
          signingTime: at,
          timestampAuthority: tsa,
        }),
      ),
    ).toBe('TIMESTAMP_FAILED');
  });
});

describe('an attachment sent as its own file', () => {
  test('the organisation signs it with the number and time at the top right', async () => {
    const stamped = await stampAttachment(rendered.bytes, {
      signer: seal,
      stampBox: rendered.stampBox,
      symbol: '05/QĐ-SNV',
      signingTime: at,
    });
    const v = await verifyPdf(stamped);
    expect(v.valid).toBe(true);
    expect(certificateInfo(seal.certificate).subject.commonName).toBe(v.signatures[0]?.signer?.commonName);
  });
});

/** Adds a line of text to page 1 as an incremental update: a new content stream and the changed page. */
function addText(doc: PDFDocument): Promise<PDFRef[]> {
  const page = doc.getPages()[0];
  if (!page) throw new Error('no page');
  const stream = doc.context.flateStream('BT /F1 24 Tf 100 400 Td (ADDED) Tj ET');
  const ref = doc.context.register(stream);
  const contents = page.node.get(PDFName.of('Contents'));
  page.node.set(
    PDFName.of('Contents'),
    doc.context.obj(contents instanceof PDFArray ? [...contents.asArray(), ref] : [contents, ref]),
  );
  return Promise.resolve([page.ref]);
}
