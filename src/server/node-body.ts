import type { IncomingMessage } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

const JSON_TYPE = /^application\/([\w.-]+\+)?json\b/i;

/**
 * JSON bodies read straight from Node's request stream. Through the Fetch API, @hono/node-server builds an
 * undici Request and a web ReadableStream for every body it reads, which costs more than the rest of a
 * cache-hit parse. Hono's body readers (and so its validators) take `c.req.bodyCache.text` when it is set.
 *
 * Only requests that declare a Content-Length take this path: `bodyLimit` has already checked that length
 * and Node's HTTP parser holds the body to it. A chunked body keeps the standard path and its streaming limit.
 * Reading starts when something asks for the body, so a request nobody reads is never consumed.
 */
export function nodeJsonBody(): MiddlewareHandler {
  return async (c, next) => {
    const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
    if (incoming && c.req.header('content-length') !== undefined && JSON_TYPE.test(c.req.header('content-type') ?? '')) {
      let text: Promise<string> | undefined;
      Object.defineProperty(c.req.bodyCache, 'text', { get: () => (text ??= readText(incoming)), enumerable: true, configurable: true });
    }
    await next();
  };
}

const decoder = new TextDecoder(); // UTF-8, dropping a byte-order mark as Request.text() does

function readText(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.once('end', () => resolve(decoder.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))));
    incoming.once('error', reject);
  });
}

/**
 * Hono's bodyLimit without its cost on the common path: a declared Content-Length is judged from the header
 * alone (Hono's version first reads `c.req.raw.body`, which makes @hono/node-server build the full Request).
 * A chunked body still goes through Hono's streaming count, refused as soon as it passes the limit.
 */
export function bodySizeLimit(options: { maxSize: number; onError: (c: Context) => Response | Promise<Response> }): MiddlewareHandler {
  const streaming = bodyLimit(options);
  return async (c, next) => {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return streaming(c, next);
    if (Number.parseInt(length, 10) > options.maxSize) return options.onError(c);
    await next();
  };
}
