import { readFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { packageFile } from '../../package-root.js';
import type { App } from '../env.js';

/**
 * The web console (migration control, live metrics, playground, evaluation reports): plain ES modules and CSS
 * from src/web, served as they are — no bundler, no CDN, so it works offline from src/ (tsx) and from an
 * installed package alike. Every page is the same shell; its script picks the page from the path.
 */

/** The pages; each is the shell, routed client-side by path. */
export const WEB_PAGES = ['/', '/dashboard', '/live', '/playground', '/reports'] as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * Nothing but our own files: no inline script or style, no third-party origin, no framing. Pages build their DOM
 * with createElement/textContent, and set styles through the CSSOM, which this policy allows.
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': WEB_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // The console is small and changes with the server: revalidate rather than run a stale script against a new API.
  'cache-control': 'no-cache',
};

/** A flat file name: no directories, so no path can climb out of src/web. */
const ASSET = /^[a-z0-9][a-z0-9-]*\.(?:js|css|svg)$/;

let webDir: string | undefined;
function webRoot(): string {
  webDir ??= dirname(packageFile('src/web/index.html'));
  return webDir;
}

export function registerWebRoutes(app: App): void {
  const serve = async (file: string) => {
    const body = await readFile(join(webRoot(), file));
    return new Response(body, { status: 200, headers: { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', ...SECURITY_HEADERS } });
  };

  for (const page of WEB_PAGES) app.get(page, () => serve('index.html'));
  app.get('/web/:file', async (c) => {
    const file = c.req.param('file');
    if (!ASSET.test(file)) return c.notFound();
    try {
      return await serve(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return c.notFound();
      throw err;
    }
  });
}
