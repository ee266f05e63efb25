import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_CSP, pageCsp, staticSiteRoute } from './static-site.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'static-site-'));
let server: http.Server;
let base: string;

beforeAll(async () => {
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'explorer.html'), '<!doctype html><title>explorer</title>');
  writeFileSync(path.join(root, 'assets', 'app-ABC123.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'app-ABC123.css'), 'body{}');
  writeFileSync(path.join(root, 'assets', 'codicon-XYZ.ttf'), Buffer.from([0, 1, 0, 0]));
  writeFileSync(path.join(root, 'secret.txt'), 'not an asset');
  const route = staticSiteRoute({ root, pages: { '/': 'explorer.html', '/graphql': 'explorer.html', '/examples/live': 'live.html' } });
  server = http.createServer(async (req, res) => {
    if (!(await route(req, res))) res.writeHead(418).end('passed on');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

const html = { accept: 'text/html,application/xhtml+xml' };

describe('staticSiteRoute', () => {
  it('serves a page to a browser with a same-origin CSP and revalidation', async () => {
    for (const pathname of ['/', '/graphql']) {
      const response = await fetch(base + pathname, { headers: html });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toBe(PAGE_CSP);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toContain('<title>explorer</title>');
    }
    expect(PAGE_CSP).toContain("connect-src 'self'");
    expect(PAGE_CSP).not.toMatch(/https?:/);
  });

  it('leaves GraphQL requests to GraphQL: no HTML asked, a ?query=, or a POST', async () => {
    expect((await fetch(`${base}/graphql`, { headers: { accept: 'application/json' } })).status).toBe(418);
    expect((await fetch(`${base}/graphql?query=%7B__typename%7D`, { headers: html })).status).toBe(418);
    expect((await fetch(`${base}/`, { method: 'POST', headers: html, body: '{}' })).status).toBe(418);
    expect((await fetch(`${base}/health`, { headers: html })).status).toBe(418);
  });

  it('serves hashed assets with their content type, cached for a year', async () => {
    const cases = [
      ['app-ABC123.js', 'text/javascript; charset=utf-8'],
      ['app-ABC123.css', 'text/css; charset=utf-8'],
      ['codicon-XYZ.ttf', 'font/ttf'],
    ] as const;
    for (const [name, type] of cases) {
      const response = await fetch(`${base}/assets/${name}`);
      expect(response.status, name).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('content-security-policy')).toBe(PAGE_CSP);
    }
    const head = await fetch(`${base}/assets/app-ABC123.js`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe('14');
  });

  it('serves nothing outside assets/: unknown names and path tricks are 404', async () => {
    for (const name of ['nope.js', '..%2Fsecret.txt', '%2E%2E%2Fexplorer.html', 'a/b.js']) {
      const response = await fetch(`${base}/assets/${name}`);
      expect(response.status, name).toBe(404);
      expect(await response.text()).not.toContain('not an asset');
    }
  });

  it('says to build when a page is missing, rather than failing obscurely', async () => {
    const response = await fetch(`${base}/examples/live`, { headers: html });
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build');
  });

  it('lets the pages show images from the origins a deployment names, and nothing else from them', async () => {
    const route = staticSiteRoute({ root, pages: { '/': 'explorer.html' }, imageOrigins: ['https://cdn.example.com'] });
    const other = http.createServer(async (req, res) => {
      if (!(await route(req, res))) res.writeHead(418).end();
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
      const expected = pageCsp(['https://cdn.example.com']);
      expect((await fetch(`${otherBase}/`, { headers: html })).headers.get('content-security-policy')).toBe(expected);
      expect((await fetch(`${otherBase}/assets/app-ABC123.js`)).headers.get('content-security-policy')).toBe(expected);
      const directives = expected.split('; ');
      expect(directives).toContain("img-src 'self' data: https://cdn.example.com");
      expect(directives.filter((directive) => directive.includes('cdn.example.com'))).toHaveLength(1);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
});
