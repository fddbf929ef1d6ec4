import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { verifySigV4, type ReceivedRequest } from './emulators/sigv4.js';

/** The Hash class @smithy/signature-v4 expects, over node:crypto. */
class NodeSha256 {
  readonly #hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.#hash.digest();
  }
}
function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

const CREDS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' };
const SIGNING_DATE = new Date('2026-11-24T18:34:39Z');

/** Signs like the Bedrock client does over HTTP/2 (`:authority` instead of `host`, payload hash announced). */
async function signedBySdk(body: string, secretAccessKey = CREDS.secretAccessKey, payloadHash?: string): Promise<ReceivedRequest> {
  const signer = new SignatureV4({ service: 'bedrock', region: 'us-east-1', credentials: { ...CREDS, secretAccessKey }, sha256: NodeSha256, uriEscapePath: true });
  const headers: Record<string, string> = {
    ':authority': '127.0.0.1:4010',
    'content-type': 'application/json',
    'x-amz-content-sha256': payloadHash ?? createHash('sha256').update(body).digest('hex'),
    'amz-sdk-request': 'attempt=1; max=3',
  };
  const path = '/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse';
  const signed = await signer.sign(
    { method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 4010, path, query: {}, headers, body },
    { signingDate: SIGNING_DATE },
  );
  return { method: 'POST', rawPath: path, headers: lowerCaseKeys(signed.headers), body: Buffer.from(body) };
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

const OPTIONS = { credentials: CREDS, services: ['bedrock'], region: 'us-east-1', now: SIGNING_DATE };

describe('SigV4 verifier', () => {
  it('reproduces the AWS test-suite vector "get-vanilla"', () => {
    const verdict = verifySigV4(
      {
        method: 'GET',
        rawPath: '/',
        headers: {
          host: 'example.amazonaws.com',
          'x-amz-date': '20150830T123600Z',
          authorization:
            'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
        },
        body: Buffer.alloc(0),
      },
      {
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
        services: ['service'],
        now: new Date('2015-08-30T12:36:00Z'),
      },
    );
    assert.deepEqual(verdict, { ok: true, accessKeyId: 'AKIDEXAMPLE', region: 'us-east-1', service: 'service', signedHeaders: ['host', 'x-amz-date'] });
  });

  it('accepts a request signed by @smithy/signature-v4, with :authority and a percent-encoded model id', async () => {
    const verdict = verifySigV4(await signedBySdk('{"messages":[]}'), OPTIONS);
    assert.equal(verdict.ok, true);
    assert.ok(verdict.ok && verdict.signedHeaders.includes(':authority'));
  });

  it('accepts UNSIGNED-PAYLOAD, where the body is not part of the signature', async () => {
    const request = await signedBySdk('{"a":1}', CREDS.secretAccessKey, 'UNSIGNED-PAYLOAD');
    assert.equal(verifySigV4({ ...request, body: Buffer.from('{"a":2}') }, OPTIONS).ok, true);
  });

  it('rejects a request signed with the wrong secret', async () => {
    const verdict = verifySigV4(await signedBySdk('{}', 'not-the-secret'), OPTIONS);
    assert.equal(verdict.ok, false);
    assert.equal(!verdict.ok && verdict.errorType, 'InvalidSignatureException');
  });

  it('rejects a body changed after signing', async () => {
    const request = await signedBySdk('{"a":1}');
    const verdict = verifySigV4({ ...request, body: Buffer.from('{"a":2}') }, OPTIONS);
    assert.equal(!verdict.ok && verdict.errorType, 'InvalidSignatureException');
  });

  it('rejects a signed header changed after signing', async () => {
    const request = await signedBySdk('{}');
    const verdict = verifySigV4({ ...request, headers: { ...request.headers, 'amz-sdk-request': 'attempt=2; max=3' } }, OPTIONS);
    assert.equal(!verdict.ok && verdict.errorType, 'InvalidSignatureException');
  });

  it('rejects an unknown access key, another service, another region and an expired date', async () => {
    const request = await signedBySdk('{}');
    const unknownKey = verifySigV4(request, { ...OPTIONS, credentials: { ...CREDS, accessKeyId: 'AKIDOTHER' } });
    assert.equal(!unknownKey.ok && unknownKey.errorType, 'UnrecognizedClientException');
    assert.equal(verifySigV4(request, { ...OPTIONS, services: ['sagemaker'] }).ok, false);
    assert.equal(verifySigV4(request, { ...OPTIONS, region: 'eu-west-1' }).ok, false);
    const expired = verifySigV4(request, { ...OPTIONS, now: new Date(SIGNING_DATE.getTime() + 6 * 60_000) });
    assert.match(!expired.ok ? expired.message : '', /Signature expired/);
  });

  it('answers MissingAuthenticationToken when there is no Authorization header', () => {
    const verdict = verifySigV4({ method: 'POST', rawPath: '/', headers: {}, body: Buffer.alloc(0) }, OPTIONS);
    assert.equal(!verdict.ok && verdict.errorType, 'MissingAuthenticationTokenException');
  });
});
