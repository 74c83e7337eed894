import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import { TimestampError } from '../errors';
import { algorithm, der, encodedBytes, OID, parseDer, seq, sha256 } from './asn1';
import { inspectTimestampToken } from './cms-inspect';

/**
 * RFC 3161 timestamps for PAdES B-T: the signature value's SHA-256 goes to a timestamp authority, whose
 * token is added to the CMS as the unsigned attribute signature-time-stamp-token.
 */
export interface TimestampAuthority {
  /** Returns a TimeStampToken (a CMS ContentInfo, DER) over `data` (hashed here with SHA-256). */
  timestamp(data: Uint8Array): Promise<Buffer>;
}

/** DER TimeStampReq for `data`'s SHA-256, with a nonce and certReq (the TSA's certificate in the token). */
export function timestampRequest(data: Uint8Array, nonce: Uint8Array): Buffer {
  return der(
    seq(
      new asn1js.Integer({ value: 1 }),
      seq(algorithm(OID.sha256, false), new asn1js.OctetString({ valueHex: sha256(data) })),
      new asn1js.Integer({ valueHex: nonce }),
      new asn1js.Boolean({ value: true }),
    ),
  );
}

/** Reads a TimeStampResp: the token, or a `TimestampError` with the TSA's status. */
export function tokenFromResponse(response: Uint8Array): Buffer {
  const resp = parseDer(response) as asn1js.Sequence;
  const statusInfo = resp.valueBlock.value[0] as asn1js.Sequence | undefined;
  const status = (statusInfo?.valueBlock.value[0] as asn1js.Integer | undefined)?.valueBlock.valueDec;
  if (status !== 0 && status !== 1)
    throw new TimestampError(`the timestamp authority refused: status ${String(status)}`);
  const token = resp.valueBlock.value[1];
  if (!token) throw new TimestampError('the timestamp response holds no token');
  return encodedBytes(token);
}

export interface HttpTimestampOptions {
  /** Injected for tests and proxies; the global fetch by default. */
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** e.g. an Authorization header some TSAs require (never logged here). */
  headers?: Record<string, string>;
}

/** A TSA over HTTP (`application/timestamp-query`), checking the token it returns. */
export function httpTimestampAuthority(url: string, options: HttpTimestampOptions = {}): TimestampAuthority {
  const doFetch = options.fetch ?? fetch;
  return {
    async timestamp(data) {
      const nonce = Buffer.concat([Buffer.from([0x01]), randomBytes(8)]);
      let body: Buffer;
      try {
        const res = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/timestamp-query', ...options.headers },
          body: new Uint8Array(timestampRequest(data, nonce)),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        if (!res.ok) throw new TimestampError(`the timestamp authority answered HTTP ${res.status}`);
        body = Buffer.from(await res.arrayBuffer());
      } catch (e) {
        if (e instanceof TimestampError) throw e;
        throw new TimestampError(`the timestamp authority could not be reached`, { cause: e });
      }
      const token = tokenFromResponse(body);
      const check = inspectTimestampToken(token, data, nonce);
      if (!check.valid)
        throw new TimestampError(`the timestamp token does not verify: ${check.problems.join('; ')}`);
      return token;
    },
  };
}
