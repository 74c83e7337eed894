/**
 * Documents: the cost of issuing a decision with a 300-row annex (model, DOCX, PDF, the director's
 * signature and the seal as a second incremental signature, PAdES B-B), and of a batch of 300
 * certificates, against a bare pdfkit page (one line of Tinos) in the same run. No database.
 *
 *   npx tsx bench/documents.ts        (or npm run bench -- documents)
 *   BENCH_DOC_N=30 BENCH_CERTS=300 …
 */
import { performance } from 'node:perf_hooks';
import PDFDocument from 'pdfkit';
import {
  certificateBatch,
  decisionDocument,
  Pkcs12Signer,
  renderCertificatesDocx,
  renderCertificatesPdf,
  renderDocx,
  renderPdf,
  signOfficialDocument,
  verifyPdf,
} from '../src/documents';
import { demoCertificates, demoDecision } from '../src/documents/demo/demo-documents';
import { createDemoPki } from '../src/documents/demo/demo-pki';
import { parsedFont } from '../src/documents/render/fonts';
import { percentile } from './stats';

const N = Number(process.env.BENCH_DOC_N ?? 20);
const CERTS = Number(process.env.BENCH_CERTS ?? 300);

interface Timing {
  p50: number;
  p99: number;
  mean: number;
}
function timing(ms: number[]): Timing {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p99: percentile(s, 99), mean: s.reduce((a, b) => a + b, 0) / s.length };
}
const f = (t: Timing) =>
  `p50 ${t.p50.toFixed(0).padStart(5)} ms  p99 ${t.p99.toFixed(0).padStart(5)} ms  mean ${t.mean.toFixed(0).padStart(5)} ms`;

function barePage(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.registerFont('t', parsedFont('regular') as unknown as Buffer);
    doc.font('t').fontSize(14).text('Quyết định về việc tặng Giấy khen', 72, 72);
    doc.end();
  });
}

export async function runDocumentsBench(): Promise<void> {
  const pki = createDemoPki();
  const director = Pkcs12Signer.open(pki.director.p12, pki.director.password);
  const seal = Pkcs12Signer.open(pki.seal.p12, pki.seal.password);
  const data = demoDecision(300);

  // Warm up the JIT and the font caches (as a long-running server is).
  for (let i = 0; i < 3; i++) {
    await barePage();
    const r = await renderPdf(decisionDocument(data));
    await renderDocx(decisionDocument(data));
    await signOfficialDocument({
      pdf: r.bytes,
      signatureBox: r.signatureBox,
      person: { signer: director },
      seal: { signer: seal },
    });
  }

  const bare: number[] = [];
  const parts = {
    model: [] as number[],
    docx: [] as number[],
    pdf: [] as number[],
    sign: [] as number[],
    total: [] as number[],
  };
  let size = { docx: 0, pdf: 0, signed: 0, pages: 0 };
  for (let i = 0; i < N; i++) {
    let t = performance.now();
    await barePage();
    bare.push(performance.now() - t);

    const t0 = performance.now();
    const model = decisionDocument(data);
    const t1 = performance.now();
    const docx = await renderDocx(model);
    const t2 = performance.now();
    const pdf = await renderPdf(model, { verificationUrl: 'https://accolade.example/xac-thuc/1' });
    const t3 = performance.now();
    const signed = await signOfficialDocument({
      pdf: pdf.bytes,
      signatureBox: pdf.signatureBox,
      person: { signer: director },
      seal: { signer: seal },
    });
    t = performance.now();
    parts.model.push(t1 - t0);
    parts.docx.push(t2 - t1);
    parts.pdf.push(t3 - t2);
    parts.sign.push(t - t3);
    parts.total.push(t - t0);
    size = { docx: docx.length, pdf: pdf.bytes.length, signed: signed.length, pages: pdf.pageCount };
    if (i === 0 && !(await verifyPdf(signed, { trustAnchors: [pki.caCertificate] })).valid) {
      throw new Error('the benchmark signed an invalid PDF');
    }
  }
  const b = timing(bare);
  const total = timing(parts.total);
  console.log(`documents: bare pdfkit page (baseline)      ${f(b)}`);
  console.log(`documents: decision + 300-row annex, model  ${f(timing(parts.model))}`);
  console.log(
    `documents:   DOCX                           ${f(timing(parts.docx))}  (${(size.docx / 1024).toFixed(0)} KiB)`,
  );
  console.log(
    `documents:   PDF                            ${f(timing(parts.pdf))}  (${size.pages} pages, ${(size.pdf / 1024).toFixed(0)} KiB)`,
  );
  console.log(
    `documents:   two signatures (B-B)           ${f(timing(parts.sign))}  (${(size.signed / 1024).toFixed(0)} KiB signed)`,
  );
  console.log(
    `documents:   together                       ${f(total)}  = ${(total.p50 / b.p50).toFixed(0)}× the bare page`,
  );
  console.log(
    `documents: target < 1 s together (p99):     ${total.p99 < 1000 ? 'met' : 'NOT MET'}  (${N} runs)`,
  );

  const batch = certificateBatch(demoCertificates(CERTS));
  const certRuns: number[] = [];
  const certDocx: number[] = [];
  let certSize = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = await renderCertificatesPdf(batch);
    certRuns.push(performance.now() - t0);
    certSize = r.bytes.length;
    const t1 = performance.now();
    await renderCertificatesDocx(batch);
    certDocx.push(performance.now() - t1);
  }
  const c = timing(certRuns);
  console.log(
    `documents: ${CERTS} certificates, PDF            ${f(c)}  (${(certSize / 1024).toFixed(0)} KiB, ${(c.p50 / CERTS).toFixed(1)} ms a page)`,
  );
  console.log(`documents: ${CERTS} certificates, DOCX           ${f(timing(certDocx))}`);
  console.log(`documents: target < 10 s for the batch:     ${c.p99 < 10_000 ? 'met' : 'NOT MET'}`);
}

if (require.main === module) {
  runDocumentsBench().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
