import { decisionEvents, submissionEvents } from '../../../machines/document.machine';
import {
  nextDocumentNumber,
  nominationIdsOfDocument,
  setSubmissionItemResult,
  statesOf,
  unitCode,
} from '../../db/records';
import { documentNumber, documentSymbols } from '../../domain/numbering';
import { AppError } from '../../errors';
import { capacityLines } from '../../documents';
import { issueDocument } from '../documents/issue-document';
import { defineHooks, type HookArgs, type Prepared } from '../engine/hooks';

type DocumentType = 'decision' | 'submission';

/** The state a listed nomination waits in until its document is signed. */
const waiting: Record<DocumentType, string> = {
  decision: 'awaitingDecision',
  submission: 'awaitingForwarding',
};

/** A document goes to signature, and is signed, only while every nomination it lists still waits for it. */
async function checkListed(type: DocumentType, { ctx, row }: HookArgs): Promise<void> {
  const ids = await nominationIdsOfDocument(ctx.tx, type, row.id);
  const states = await statesOf(ctx.tx, 'nomination', ids);
  const stale = ids.filter((id) => states.get(id) !== waiting[type]);
  if (ids.length === 0) throw new AppError('TRANSITION_NOT_ALLOWED', `the ${type} lists no nomination`);
  if (stale.length > 0)
    throw new AppError(
      'TRANSITION_NOT_ALLOWED',
      `nominations ${stale.join(', ')} are no longer ${waiting[type]}`,
      {
        extra: { nominationIds: stale },
      },
    );
}

/**
 * SIGN gives the document the next number of its issuer's yearly series (`05/QĐ-SNV`, the year of the
 * business time zone's today), makes, signs and freezes its PDF (`issueDocument`); the number is passed
 * on to the nominations the signature awards or forwards.
 */
async function sign(type: DocumentType, args: HookArgs): Promise<Prepared> {
  await checkListed(type, args);
  const { ctx, row, actor } = args;
  const issuer = Number(row.issuer_unit_id);
  const code = (await unitCode(ctx.tx, issuer)) ?? 'SO';
  const year = Number(ctx.today.slice(0, 4));
  const symbol = documentSymbols[type];
  const seq = await nextDocumentNumber(ctx.tx, issuer, symbol, year);
  const number = documentNumber(seq, symbol, code);
  const signingPassword =
    typeof args.event.signingPassword === 'string' ? args.event.signingPassword : undefined;
  const issued = await issueDocument(ctx, actor, type, row.id, { number, seq, year, signingPassword });
  return {
    columns: {
      number,
      number_year: year,
      number_seq: seq,
      signed_at: ctx.now,
      signed_by: actor.userId,
      document_sha256: issued.sha256,
    },
    // The SIGN's history row names the frozen PDF and who signed in whose name (KT., Q.).
    recorded: {
      number,
      documentSha256: issued.sha256,
      documentId: issued.issuedId,
      signing: issued.signing,
      signedAs: capacityLines(issued.signer.mode, issued.signer.principal, issued.signer.ownTitle).join(
        ' / ',
      ),
      signers: issued.signers,
    },
    passOn: { number },
  };
}

export const decisionHooks = defineHooks(decisionEvents, {
  events: {
    SUBMIT_FOR_SIGNATURE: { before: (a) => checkListed('decision', a) },
    SIGN: { before: (a) => sign('decision', a) },
  },
});

export const submissionHooks = defineHooks(submissionEvents, {
  events: {
    SUBMIT_FOR_SIGNATURE: { before: (a) => checkListed('submission', a) },
    SIGN: { before: (a) => sign('submission', a) },
    // Each answer of the province is written on the submission's line; the last one closes it.
    NOMINATION_RESULT: {
      payload: async ({ ctx, cause, targetId }) => ({
        allResolved: await setSubmissionItemResult(ctx.tx, targetId, cause.row.id, cause.row.state),
      }),
    },
  },
});
