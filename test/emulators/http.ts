import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as it arrived at the wire. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
  /** What sendJson answered, once it has (absent for hangs and hand-written bodies). */
  response?: { status: number; body: unknown };
}

/** Links a response to its recorded request, so sendJson can note the answer on the record. */
const records = new WeakMap<ServerResponse, RecordedRequest>();

export interface LoopbackServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  close(): Promise<void>;
}

export type Handler = (request: RecordedRequest, res: ServerResponse) => void | Promise<void>;

/**
 * An HTTP/1.1 server on 127.0.0.1 that reads each body whole, hands the handler a recorded request and turns
 * handler crashes into 500s (so an emulator bug shows up as a failed test, not a hung one). `close()` also
 * drops open connections, including requests an emulator deliberately never answers.
 */
export async function startLoopbackServer(handler: Handler, port = 0): Promise<LoopbackServer> {
  const server: Server = createServer((req, res) => {
    void handle(req, res, handler);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, handler: Handler): Promise<void> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const record: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: parseBody(text) };
    records.set(res, record);
    await handler(record, res);
  } catch (e) {
    if (!res.headersSent) sendJson(res, 500, { error: { message: `emulator error: ${(e as Error).message}` } });
    else res.destroy();
  }
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const record = records.get(res);
  if (record) record.response = { status, body };
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

/** A rough token count (about four characters a token) that is stable across runs. */
export function approximateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
