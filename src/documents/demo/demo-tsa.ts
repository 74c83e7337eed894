import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { certificateInfo } from '../signing/certificate-info';
import { buildSignedData } from '../signing/cades';
import { der, encodedBytes, OID, oid, parseDer, seq, sha256 } from '../signing/asn1';
import type { Signer } from '../signing/signer';
import { sign as cryptoSign } from 'node:crypto';

/**
 * An RFC 3161 timestamp authority in the process, built with asn1js and the CMS code the signer
 * uses: for the tests (no network) and for a demo that wants B-T signatures. Not a production TSA.
 */
export interface DemoTsaOptions {
  certificate: Buffer;
  key: KeyObject;
  chain?: Buffer[];
  /** The clock (default: now). */
  now?: () => Date;
  /** The policy OID its tokens carry. */
  policy?: string;
}

/** Answers one DER TimeStampReq with a DER TimeStampResp. */
export async function answerTimestampRequest(request: Uint8Array, o: DemoTsaOptions): Promise<Buffer> {
  const req = parseDer(request) as asn1js.Sequence;
  const parts = req.valueBlock.value;
  const imprint = parts[1];
  const nonce = parts.find((p, i) => i > 1 && p instanceof asn1js.Integer) as asn1js.Integer | undefined;
  if (!(imprint instanceof asn1js.Sequence)) {
    return der(seq(seq(new asn1js.Integer({ value: 2 }))));
  }
  const now = (o.now ?? (() => new Date()))();
  const tstInfo = der(
    seq(
      new asn1js.Integer({ value: 1 }),
      oid(o.policy ?? '1.3.6.1.4.1.99999.1.1'),
      parseDer(encodedBytes(imprint)),
      new asn1js.Integer({ valueHex: Buffer.concat([Buffer.from([0x01]), randomBytes(8)]) }),
      new asn1js.GeneralizedTime({ valueDate: now }),
      ...(nonce ? [new asn1js.Integer({ valueHex: nonce.valueBlock.valueHexView })] : []),
    ),
  );
  const signer: Signer = {
    certificate: o.certificate,
    chain: o.chain ?? [],
    keyAlgorithm: o.key.asymmetricKeyType === 'ec' ? 'EC' : 'RSA',
    info: certificateInfo(o.certificate),
    sign: (data) => Promise.resolve(cryptoSign('sha256', data, o.key)),
  };
  const token = await buildSignedData({
    signer,
    contentDigest: sha256(tstInfo),
    signingTime: now,
    contentType: OID.tstInfo,
    content: tstInfo,
  });
  return tsResp(token.cms);
}

function tsResp(token: Buffer): Buffer {
  // TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken }
  const status = der(seq(new asn1js.Integer({ value: 0 })));
  const body = Buffer.concat([status, token]);
  return Buffer.concat([derHeader(0x30, body.length), body]);
}

function derHeader(tag: number, length: number): Buffer {
  if (length < 0x80) return Buffer.from([tag, length]);
  const bytes: number[] = [];
  for (let l = length; l > 0; l = Math.floor(l / 256)) bytes.unshift(l % 256);
  return Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
}

/** Serves the TSA over HTTP on 127.0.0.1 (port 0); `close()` stops it. */
export async function startDemoTsa(
  o: DemoTsaOptions,
): Promise<{ url: string; server: Server; requests: () => number; close(): Promise<void> }> {
  let count = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      count += 1;
      answerTimestampRequest(Buffer.concat(chunks), o).then(
        (body) => {
          res.writeHead(200, { 'content-type': 'application/timestamp-reply' });
          res.end(body);
        },
        () => {
          res.writeHead(400);
          res.end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    server,
    requests: () => count,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
