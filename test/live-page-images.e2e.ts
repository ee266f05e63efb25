/**
 * The LIVE room's product images, where a deployment says its images live. The seed's products
 * point at `https://cdn.example.com/p/<id>.jpg`; with `PAGE_IMAGE_ORIGINS=https://cdn.example.com`
 * the page's policy lets it show them. The test stands in for that CDN with an HTTPS server of its
 * own on loopback (a throwaway self-signed certificate; Chromium resolves the name to it), so
 * nothing leaves the machine: each pinned product shows its image, fetched from the CDN, and an
 * image from any other origin is still refused by the policy and gives way to the placeholder.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveStreamIds } from '@app/fixtures/world';
import { openBrowser, skipWithoutChromium, type Browser } from './browser.ts';
import { eventually } from './eventually.ts';
import { startStack, type RunningStack } from './stack.ts';

const skip = skipWithoutChromium('live-page-images.e2e');

const CDN = 'cdn.example.com';
/** A seeded stream that is live with products pinned. */
const SEEDED_STREAM = liveStreamIds[3] as string;

/** A 48 × 48 square: what the stand-in CDN answers for every product image. */
const IMAGE = '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48"><rect width="48" height="48" fill="#2a9d8f"/></svg>';

/** A certificate for the CDN's name, made for this run and thrown away after it. */
function throwawayCertificate(dir: string): { key: Buffer; cert: Buffer } {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', `/CN=${CDN}`, '-addext', `subjectAltName=DNS:${CDN}`], { stdio: 'ignore', timeout: 30_000 });
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

describe.skipIf(skip)('the LIVE room page shows product images from the origins the deployment allows', () => {
  let stack: RunningStack;
  let browser: Browser;
  let cdn: https.Server;
  let certDir: string;
  /** Paths the stand-in CDN was asked for. */
  const served: string[] = [];

  beforeAll(async () => {
    certDir = mkdtempSync(path.join(os.tmpdir(), 'cdn-cert-'));
    cdn = https.createServer(throwawayCertificate(certDir), (req, res) => {
      served.push(req.url ?? '');
      if (!/^\/p\/[\w-]+\.jpg$/.test(req.url ?? '')) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'no-store' }).end(IMAGE);
    });
    await new Promise<void>((resolve) => cdn.listen(0, '127.0.0.1', resolve));
    stack = await startStack({ env: { PAGE_IMAGE_ORIGINS: `https://${CDN}` } });
    browser = await openBrowser('live-page-images', { localHosts: { [CDN]: (cdn.address() as AddressInfo).port } });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await new Promise((resolve) => (cdn ? cdn.close(resolve) : resolve(undefined)));
    if (certDir) rmSync(certDir, { recursive: true, force: true });
  });

  it('shows each pinned product’s image from the CDN, and still refuses an image from elsewhere', async () => {
    const pinned = (await stack.query('query ($id: ID!) { liveStream(id: $id) { pinnedProducts { id imageUrl } } }', { id: SEEDED_STREAM })).body.data.liveStream.pinnedProducts as { id: string; imageUrl: string }[];
    expect(pinned.length).toBeGreaterThan(0);
    for (const product of pinned) expect(new URL(product.imageUrl).origin).toBe(`https://${CDN}`);

    const page = await browser.page();
    await page.goto(`http://127.0.0.1:${stack.ports.gateway}/examples/live`);
    await page.locator(`#stream-picker option[value="${SEEDED_STREAM}"]`).waitFor({ state: 'attached', timeout: 20_000 });
    await page.selectOption('#stream-picker', SEEDED_STREAM);
    for (const product of pinned) {
      const image = page.locator(`#pinned li[data-product-id="${product.id}"] img.thumb`);
      await image.waitFor({ state: 'attached', timeout: 20_000 });
      // Loaded and drawn: an image the policy refused or the host failed is replaced by the placeholder.
      // Polled from here: the page's policy refuses the eval that waitForFunction would run in it.
      await eventually(() => page.evaluate<boolean>(`(() => { const image = document.querySelector('#pinned li[data-product-id="${product.id}"] img.thumb'); return !!image && image.complete && image.naturalWidth === 48; })()`), `the pinned ${product.id}'s image drawn`, 20_000);
      expect(await image.getAttribute('src')).toBe(product.imageUrl);
      expect(await page.locator(`#pinned li[data-product-id="${product.id}"] .thumb.placeholder`).count()).toBe(0);
    }
    await browser.screenshot(page, '1-images.png');
    for (const product of pinned) expect(served).toContain(new URL(product.imageUrl).pathname);

    // The same image server under another origin, which the browser would load: the page's policy refuses it.
    const asked = served.length;
    const elsewhere = await page.evaluate<string>(`new Promise((resolve) => {
      const image = new Image();
      image.onload = () => resolve('loaded');
      image.onerror = () => resolve('refused');
      image.src = 'https://127.0.0.1:${(cdn.address() as AddressInfo).port}/p/elsewhere.jpg';
    })`);
    expect(elsewhere).toBe('refused');
    expect(served.length).toBe(asked);
    expect(browser.consoleErrors.some((line) => /violates the following Content Security Policy directive: "img-src 'self' data: https:\/\/cdn\.example\.com"/.test(line))).toBe(true);
    expect(browser.offLoopback()).toEqual([]);
  }, 60_000);
});
