import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Server-side AWS Signature Version 4 verification for the loopback emulators: the same canonical request,
 * string to sign and HMAC key chain the SDK computes, written out independently (rather than calling the
 * SDK's own signer) so a test signed by the SDK and verified here really checks two implementations against
 * each other. Header-based signing only; presigned query-string requests are not something the SDKs we
 * emulate send.
 */

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The request as received on the wire: raw (still percent-encoded) path with query, headers as Node gives them. */
export interface ReceivedRequest {
  method: string;
  /** Path and query exactly as sent, e.g. `/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse`. */
  rawPath: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
}

export interface SigV4Options {
  credentials: SigV4Credentials;
  /** Signing names accepted, e.g. ['bedrock']. */
  services: readonly string[];
  /** When set, the credential scope's region must equal it. */
  region?: string;
  now?: Date;
  /** Allowed clock skew between x-amz-date and now; AWS allows 5 minutes. */
  maxSkewMs?: number;
}

/** AWS error names a failed verification answers with (403 each, like the real services). */
export type SigV4ErrorType =
  | 'MissingAuthenticationTokenException'
  | 'IncompleteSignatureException'
  | 'UnrecognizedClientException'
  | 'InvalidSignatureException';

export type SigV4Verdict =
  | { ok: true; accessKeyId: string; region: string; service: string; signedHeaders: string[] }
  | { ok: false; errorType: SigV4ErrorType; message: string };

const ALGORITHM = 'AWS4-HMAC-SHA256';
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const AUTH_RE = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]{64})$/;
const AMZ_DATE_RE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export function verifySigV4(request: ReceivedRequest, options: SigV4Options): SigV4Verdict {
  const authorization = headerValue(request.headers, 'authorization');
  if (authorization === undefined) return fail('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const match = AUTH_RE.exec(authorization.trim());
  if (!match) return fail('IncompleteSignatureException', `Authorization header requires a valid ${ALGORITHM} Credential, SignedHeaders and Signature.`);
  const [, accessKeyId, scopeDate, region, service, signedHeaderList, signature] = match as unknown as [string, string, string, string, string, string, string];

  if (accessKeyId !== options.credentials.accessKeyId) {
    return fail('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  if (!options.services.includes(service)) {
    return fail('InvalidSignatureException', `Credential should be scoped to correct service: '${options.services.join("' or '")}'.`);
  }
  if (options.region !== undefined && region !== options.region) {
    return fail('InvalidSignatureException', `Credential should be scoped to a valid region, not '${region}'.`);
  }

  const amzDate = headerValue(request.headers, 'x-amz-date');
  const signingDate = amzDate === undefined ? undefined : parseAmzDate(amzDate);
  if (amzDate === undefined || signingDate === undefined) return fail('IncompleteSignatureException', 'Missing or malformed X-Amz-Date.');
  if (!amzDate.startsWith(scopeDate)) return fail('InvalidSignatureException', 'Date in Credential scope does not match YYYYMMDD from X-Amz-Date.');
  const skew = Math.abs((options.now ?? new Date()).getTime() - signingDate.getTime());
  if (skew > (options.maxSkewMs ?? 5 * 60_000)) {
    return fail('InvalidSignatureException', `Signature expired: ${amzDate} is now earlier or later than the allowed 5 minutes.`);
  }

  const signedHeaders = signedHeaderList.split(';');
  const hostHeader = signedHeaders.includes(':authority') ? ':authority' : 'host';
  for (const required of [hostHeader, 'x-amz-date']) {
    if (!signedHeaders.includes(required)) return fail('InvalidSignatureException', `'${required}' must be a signed header.`);
  }

  // The SDK signs the hash it announces in x-amz-content-sha256; a signed payload must also be the body sent.
  const bodyHash = sha256Hex(request.body);
  const announcedHash = headerValue(request.headers, 'x-amz-content-sha256');
  if (announcedHash !== undefined && announcedHash !== UNSIGNED_PAYLOAD && announcedHash !== bodyHash) {
    return fail('InvalidSignatureException', 'The provided x-amz-content-sha256 header does not match what was computed.');
  }

  const canonicalRequest = canonicalRequestOf(request, signedHeaders, announcedHash ?? bodyHash);
  const scope = `${scopeDate}/${region}/${service}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = signingKey(options.credentials.secretAccessKey, scopeDate, region, service);
  const expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest();

  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
    return fail(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  return { ok: true, accessKeyId, region, service, signedHeaders };
}

/** Exposed for the unit test that compares it, step by step, with a published example. */
export function canonicalRequestOf(request: ReceivedRequest, signedHeaders: readonly string[], payloadHash: string): string {
  const queryStart = request.rawPath.indexOf('?');
  const path = queryStart === -1 ? request.rawPath : request.rawPath.slice(0, queryStart);
  const query = queryStart === -1 ? '' : request.rawPath.slice(queryStart + 1);
  const headers = signedHeaders.map((name) => `${name}:${canonicalHeaderValue(request.headers[name])}`);
  return [request.method.toUpperCase(), canonicalPath(path), canonicalQuery(query), ...headers, '', signedHeaders.join(';'), payloadHash].join('\n');
}

/**
 * Every service but S3 signs the path URI-encoded once more on top of the encoding it travels with
 * (`%3A` on the wire becomes `%253A` here), after removing empty and dot segments.
 */
function canonicalPath(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
  return `/${segments.map(escapeUri).join('/')}${trailing}`;
}

function canonicalQuery(query: string): string {
  if (query === '') return '';
  return query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const [key = '', value = ''] = pair.split('=', 2) as [string?, string?];
      return [escapeUri(decodeQueryPart(key)), escapeUri(decodeQueryPart(value))] as const;
    })
    .filter(([key]) => key.toLowerCase() !== 'x-amz-signature')
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

function decodeQueryPart(part: string): string {
  return decodeURIComponent(part.replace(/\+/g, '%20'));
}

/** RFC 3986 unreserved characters stay; everything else is percent-encoded (encodeURIComponent misses !'()*). */
function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalHeaderValue(value: string | string[] | undefined): string {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').trim();
}

function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const kDate = createHmac('sha256', `AWS4${secret}`).update(date, 'utf8').digest();
  const kRegion = createHmac('sha256', kDate).update(region, 'utf8').digest();
  const kService = createHmac('sha256', kRegion).update(service, 'utf8').digest();
  return createHmac('sha256', kService).update('aws4_request', 'utf8').digest();
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function parseAmzDate(value: string): Date | undefined {
  const m = AMZ_DATE_RE.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

function headerValue(headers: ReceivedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function fail(errorType: SigV4ErrorType, message: string): SigV4Verdict {
  return { ok: false, errorType, message };
}
