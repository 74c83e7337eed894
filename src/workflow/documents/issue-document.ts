import {
  activeDelegation,
  currentSigningCertificate,
  freezeIssuedDocument,
  insertIssuedDocument,
  type IssuedDocumentRow,
  type SigningCertificateRow,
  userFullName,
} from '../../db/documents';
import {
  capacityLines,
  CertificateNotUsableError,
  DocumentsError,
  Pkcs12Signer,
  renderPdf,
  signOfficialDocument,
  WrongPasswordError,
} from '../../documents';
import { AppError } from '../../errors';
import { storeUpload } from '../../storage/files';
import type { TxContext } from '../engine/tx-context';
import type { Actor } from '../types';
import {
  printedName,
  readDocumentFacts,
  documentModel,
  type DocumentType,
  type ResolvedSigner,
} from './document-data';
import { documentsKey, unsealBytes } from './document-secrets';
import { readDocumentSettings } from './document-settings';

export const verificationPath = (issuedId: number): string => `/documents/${issuedId}/verify`;

export interface IssuedDocument {
  issuedId: number;
  sha256: string;
  signing: IssuedDocumentRow['signing'];
  signers: IssuedDocumentRow['signers'];
  signer: ResolvedSigner;
}

/**
 * Who signs, and in whose name: a deputy with a delegation for this document type today signs `KT.`
 * (for the director) or `Q.` (acting); anyone else in the director's own name.
 */
export async function resolveSigner(
  ctx: TxContext,
  actor: Actor,
  type: DocumentType,
): Promise<ResolvedSigner> {
  const own = printedName(
    (actor.userId ? await userFullName(ctx.tx, actor.userId) : undefined) ?? actor.name,
  );
  if (actor.userId === null) return { mode: 'own', principal: 'Giám đốc', name: own };
  const d = await activeDelegation(ctx.tx, actor.userId, type, ctx.today);
  if (!d) return { mode: 'own', principal: 'Giám đốc', name: own };
  return d.mode === 'KT'
    ? { mode: 'KT', principal: 'Giám đốc', ownTitle: d.deputy_title, name: own }
    : { mode: 'Q', principal: 'Giám đốc', name: own };
}

function usable(c: SigningCertificateRow, at: Date, what: string): void {
  if (c.revoked_at)
    throw new AppError('TRANSITION_NOT_ALLOWED', `the ${what} certificate was revoked: it cannot sign`, {
      extra: { certificate: c.serial, reason: 'revoked' },
    });
  if (at < c.not_before || at > c.not_after)
    throw new AppError('TRANSITION_NOT_ALLOWED', `the ${what} certificate is not valid now: it cannot sign`, {
      extra: { certificate: c.serial, reason: at > c.not_after ? 'expired' : 'notYetValid' },
    });
}

function openP12(key: Buffer, c: SigningCertificateRow, password: string, field: string): Pkcs12Signer {
  try {
    return Pkcs12Signer.open(unsealBytes(key, c.p12_sealed), password, { revoked: c.revoked_at !== null });
  } catch (e) {
    if (e instanceof WrongPasswordError)
      throw new AppError('VALIDATION_FAILED', 'the signing password does not open your certificate', {
        errors: [{ field, message: 'wrong password' }],
      });
    throw e;
  }
}

/**
 * At SIGN, in its transaction and after the number is given: the final PDF is made from the records,
 * signed in the system when the signer has a certificate (PAdES, the person then the organisation's
 * seal as a second incremental signature, timestamped when a TSA is configured), or left for a signature
 * on paper where the policy allows it; then frozen content-addressed. Its sha256 goes into the SIGN's
 * history row (the caller's `recorded`). The bytes are written before the commit: a rolled-back SIGN
 * leaves an unreferenced file, never a referenced file missing.
 */
export async function issueDocument(
  ctx: TxContext,
  actor: Actor,
  type: DocumentType,
  recordId: number,
  n: { number: string; seq: number; year: number; signingPassword: string | undefined },
): Promise<IssuedDocument> {
  const { tx } = ctx;
  const settings = await readDocumentSettings(tx);
  const cert =
    actor.userId === null ? undefined : await currentSigningCertificate(tx, 'person', actor.userId);
  if (!cert && settings.digitalSignatureRequired)
    throw new AppError(
      'TRANSITION_NOT_ALLOWED',
      'a digital signature is required: upload your signing certificate first (PUT /api/me/signing-certificate)',
    );
  if (!cert && n.signingPassword !== undefined)
    throw new AppError('VALIDATION_FAILED', 'you have no signing certificate', {
      errors: [{ field: 'signingPassword', message: 'no signing certificate uploaded' }],
    });
  if (cert && n.signingPassword === undefined)
    throw new AppError('VALIDATION_FAILED', 'your signing password is needed to sign with your certificate', {
      errors: [{ field: 'signingPassword', message: 'required' }],
    });

  let person: Pkcs12Signer | undefined;
  let seal: { signer: Pkcs12Signer; row: SigningCertificateRow } | undefined;
  if (cert) {
    usable(cert, ctx.now, 'signing');
    const key = await documentsKey(tx);
    person = openP12(key, cert, n.signingPassword!, 'signingPassword');
    const sealRow = await currentSigningCertificate(tx, 'seal', null);
    if (sealRow && sealRow.password_sealed) {
      usable(sealRow, ctx.now, "organisation's seal");
      const password = unsealBytes(key, sealRow.password_sealed).toString('utf8');
      seal = { signer: openP12(key, sealRow, password, 'seal'), row: sealRow };
    }
  }

  const facts = await readDocumentFacts(tx, type, recordId);
  const signer = await resolveSigner(ctx, actor, type);
  const signing: IssuedDocumentRow['signing'] = person ? 'digital' : 'paper';
  const issuedId = await insertIssuedDocument(tx, {
    recordType: type,
    recordId,
    number: n.number,
    issuedAt: ctx.now,
    issuerName: facts.source.issuer_name,
    title: facts.source.title,
    signing,
  });
  const model = documentModel(type, facts, settings, {
    number: n.seq,
    date: ctx.today,
    year: n.year,
    signer,
  });
  const pdf = await renderPdf(model, {
    verificationUrl: `${ctx.deps.publicUrl.replace(/\/$/, '')}${verificationPath(issuedId)}`,
    creationDate: ctx.now,
  });
  const capacity = capacityLines(signer.mode, signer.principal, signer.ownTitle).join(' / ');
  const signers: IssuedDocumentRow['signers'] = [{ kind: 'person', name: signer.name, capacity }];
  let bytes: Buffer = pdf.bytes;
  if (person) {
    try {
      bytes = await signOfficialDocument({
        pdf: pdf.bytes,
        signatureBox: pdf.signatureBox,
        signingTime: ctx.now,
        person: { signer: person },
        ...(seal
          ? { seal: { signer: seal.signer, organisation: facts.source.issuer_name, place: settings.place } }
          : {}),
        ...(ctx.deps.documents?.timestampAuthority
          ? { timestampAuthority: ctx.deps.documents.timestampAuthority }
          : {}),
      });
    } catch (e) {
      if (e instanceof CertificateNotUsableError)
        throw new AppError('TRANSITION_NOT_ALLOWED', `the certificate cannot sign: ${e.message}`, {
          extra: { reason: e.code },
        });
      if (e instanceof DocumentsError)
        throw new AppError('UNAVAILABLE', `signing failed: ${e.message}`, { extra: { reason: e.code } });
      throw e;
    }
    signers[0] = { ...signers[0]!, serial: cert!.serial };
    if (seal)
      signers.push({ kind: 'seal', name: seal.row.subject, capacity: 'seal', serial: seal.row.serial });
  }
  const stored = await storeUpload(ctx.deps.dataDir, { buffer: bytes, filename: `${type}.pdf` });
  await freezeIssuedDocument(tx, issuedId, {
    sha256: stored.sha256,
    storageKey: stored.storageKey,
    size: stored.size,
    signing,
    signers,
  });
  return { issuedId, sha256: stored.sha256, signing, signers, signer };
}
