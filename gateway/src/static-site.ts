import { existsSync, readFileSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import type { Route } from '@app/kit/http';

/**
 * Serves pages built ahead of time (by `web/build.ts`): each page is an HTML file at a path of
 * the gateway, and every page's assets live in one `assets/` folder under content-hashed names.
 * Assets are cached for a year (a new build has new names); pages are revalidated on every
 * load, so a rebuild shows at the next reload.
 */
export interface StaticSiteOptions {
  /** The build's folder: `<page>.html` files and `assets/`. */
  root: string;
  /** Gateway path → HTML file in `root`, e.g. { '/': 'explorer.html' }. */
  pages: Record<string, string>;
  /** Where assets are served from; the build writes this prefix into its pages. */
  assetsPath?: string;
  /** Origins the pages may show images from besides this one (`PAGE_IMAGE_ORIGINS`): where product images live. */
  imageOrigins?: readonly string[];
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Only this origin, for everything. Monaco sets inline styles on its elements, and fonts ship as
 * data: URIs inside the stylesheet; nothing else is allowed, so a page cannot reach the network
 * even if a dependency tried. The one exception a deployment names: the origins its product images
 * are served from, for images only (an image cannot run code or send the page's data anywhere).
 */
export function pageCsp(imageOrigins: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    ["img-src 'self' data:", ...imageOrigins].join(' '),
    "worker-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy with no image origin: what every page gets unless `PAGE_IMAGE_ORIGINS` names some. */
export const PAGE_CSP = pageCsp();

const SAFE_NAME = /^[\w.-]+$/;

/** A browser navigating here asks for HTML; a GraphQL client (or GET with ?query=) does not. */
function wantsPage(req: http.IncomingMessage, url: URL): boolean {
  return (req.headers.accept ?? '').includes('text/html') && !url.searchParams.has('query');
}

function send(res: http.ServerResponse, status: number, headers: Record<string, string>, body: Buffer | string, head: boolean): void {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)), 'x-content-type-options': 'nosniff' });
  res.end(head ? undefined : body);
}

export function staticSiteRoute(options: StaticSiteOptions): Route {
  const assetsPath = options.assetsPath ?? '/assets/';
  const assetsDir = path.join(options.root, 'assets');
  const csp = pageCsp(options.imageOrigins);
  // Hashed assets never change under one name, so each is read once.
  const assetCache = new Map<string, Buffer>();

  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const head = req.method === 'HEAD';
    const url = new URL(req.url ?? '/', 'http://localhost');

    if (url.pathname.startsWith(assetsPath)) {
      const name = url.pathname.slice(assetsPath.length);
      const file = path.join(assetsDir, name);
      if (!SAFE_NAME.test(name) || !existsSync(file)) {
        send(res, 404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, `No asset ${name}.`, head);
        return true;
      }
      let body = assetCache.get(name);
      if (!body) {
        body = readFileSync(file);
        assetCache.set(name, body);
      }
      const type = CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream';
      // A worker script's own response sets the worker's CSP, so assets carry it as pages do.
      send(res, 200, { 'content-type': type, 'cache-control': 'public, max-age=31536000, immutable', 'content-security-policy': csp }, body, head);
      return true;
    }

    const page = options.pages[url.pathname];
    if (!page || !wantsPage(req, url)) return false;
    const file = path.join(options.root, page);
    if (!existsSync(file)) {
      send(res, 503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, `This page is not built: run \`npm run build\` (it builds web/ into ${options.root}).`, head);
      return true;
    }
    // Read per request: a page is small, and a rebuild while the gateway runs names new assets.
    send(
      res,
      200,
      {
        'content-type': CONTENT_TYPES['.html']!,
        'cache-control': 'no-cache',
        'content-security-policy': csp,
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
      },
      readFileSync(file),
      head,
    );
    return true;
  };
}
