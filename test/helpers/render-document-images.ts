/**
 * Renders one page image of each document type into docs/images (70 dpi PNG), for people to look at:
 *   npx tsx test/helpers/render-document-images.ts
 * The decision is shown signed (signature image, seal over its left third).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  certificateBatch,
  decisionDocument,
  minutesDocument,
  noticeDocument,
  Pkcs12Signer,
  planDocument,
  proposalDocument,
  renderCertificatesPdf,
  renderPdf,
  signOfficialDocument,
} from '../../src/documents';
import {
  demoCertificates,
  demoDecision,
  demoMinutes,
  demoNotice,
  demoPlan,
  demoProposal,
} from '../../src/documents/demo/demo-documents';
import { demoSignaturePng } from '../../src/documents/demo/demo-images';
import { createDemoPki } from '../../src/documents/demo/demo-pki';
import { pdfToPngs } from './documents';

async function main(): Promise<void> {
  const out = join(__dirname, '..', '..', 'docs', 'images');
  mkdirSync(out, { recursive: true });
  const pki = createDemoPki();
  const decision = await renderPdf(decisionDocument(demoDecision(300)), {
    verificationUrl: 'https://accolade.example/xac-thuc/3f2a9c',
  });
  const signed = await signOfficialDocument({
    pdf: decision.bytes,
    signatureBox: decision.signatureBox,
    person: { signer: Pkcs12Signer.open(pki.director.p12, pki.director.password), image: demoSignaturePng() },
    seal: { signer: Pkcs12Signer.open(pki.seal.p12, pki.seal.password), place: 'Bắc Ninh' },
  });
  const [p1, annex] = pdfToPngs(signed, [1, 3]);
  const images: Record<string, Buffer | undefined> = {
    'decision-signed.png': p1,
    'decision-annex.png': annex,
    'proposal.png': pdfToPngs((await renderPdf(proposalDocument(demoProposal(12)))).bytes, [1])[0],
    'minutes.png': pdfToPngs((await renderPdf(minutesDocument(demoMinutes()))).bytes, [2])[0],
    'notice.png': pdfToPngs((await renderPdf(noticeDocument(demoNotice(12)))).bytes, [1])[0],
    'plan.png': pdfToPngs((await renderPdf(planDocument(demoPlan()))).bytes, [1])[0],
    'certificate.png': pdfToPngs(
      (await renderCertificatesPdf(certificateBatch(demoCertificates(1)))).bytes,
      [1],
    )[0],
  };
  for (const [name, png] of Object.entries(images)) {
    if (!png) throw new Error(`no image for ${name}`);
    writeFileSync(join(out, name), png);
    console.log(`${name}: ${(png.length / 1024).toFixed(0)} KiB`);
  }
}

void main();
