/**
 * A real browser for the pages the gateway serves in development: Debian's Chromium driven by
 * playwright-core, which never downloads a browser. Every request the pages make is recorded,
 * so a test can assert that none left loopback, and one that is not for loopback is aborted
 * before it leaves (an image URL from the API names an external host); screenshots go to
 * test/output/<name>/ (gitignored).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** CI installs Chromium (.ci/run), so only a developer's machine without it skips. */
export function skipWithoutChromium(testName: string): boolean {
  const skip = !existsSync(CHROMIUM) && !process.env.CI;
  if (skip) console.warn(`${testName}: skipped, ${CHROMIUM} is missing (apt-get install chromium).`);
  return skip;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface Browser {
  context: BrowserContext;
  /** Where this test's screenshots go. */
  output: string;
  /** Every URL the pages requested (HTTP and WebSocket), in order. */
  requests: string[];
  /** Requests that failed, with why (`net::ERR_BLOCKED_BY_CLIENT` for one the route stopped). */
  failed: Map<string, string>;
  consoleErrors: string[];
  page(): Promise<Page>;
  screenshot(page: Page, name: string): Promise<void>;
  /** Requested URLs whose host is not loopback nor a local stand-in (data: URLs stay in the page). */
  offLoopback(): string[];
  close(): Promise<void>;
}

export interface BrowserOptions {
  /**
   * Hosts a test stands in for with a server of its own (an image CDN): each name resolves to
   * that loopback port, its requests are let through, and its (self-signed) certificate accepted.
   */
  localHosts?: Record<string, number>;
}

export async function openBrowser(name: string, options: BrowserOptions = {}): Promise<Browser> {
  const output = path.resolve(import.meta.dirname, 'output', name);
  mkdirSync(output, { recursive: true });
  const profileDir = mkdtempSync(path.join(os.tmpdir(), `${name}-chromium-`));
  const localHosts = new Set(Object.keys(options.localHosts ?? {}));
  const rules = Object.entries(options.localHosts ?? {}).map(([host, port]) => `MAP ${host} 127.0.0.1:${port}`);
  const args = rules.length ? [...CHROMIUM_FLAGS, `--host-resolver-rules=${rules.join(', ')}`] : CHROMIUM_FLAGS;
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args, viewport: { width: 1440, height: 900 }, ignoreHTTPSErrors: localHosts.size > 0 });
  const isLocal = (hostname: string) => LOOPBACK.has(hostname) || localHosts.has(hostname);
  const requests: string[] = [];
  const failed = new Map<string, string>();
  const consoleErrors: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  context.on('requestfailed', (request) => failed.set(request.url(), request.failure()?.errorText ?? 'failed'));
  await context.route(
    (url) => url.protocol !== 'data:' && !isLocal(url.hostname),
    (route) => route.abort('blockedbyclient'),
  );
  context.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  // playwright reports WebSockets per page, not as requests.
  context.on('page', (page) => page.on('websocket', (socket) => requests.push(socket.url())));
  for (const page of context.pages()) page.on('websocket', (socket) => requests.push(socket.url()));
  return {
    context,
    output,
    requests,
    failed,
    consoleErrors,
    page: async () => context.pages()[0] ?? (await context.newPage()),
    screenshot: async (page, file) => void (await page.screenshot({ path: path.join(output, file) })),
    offLoopback: () => requests.filter((url) => !url.startsWith('data:') && !isLocal(new URL(url).hostname)),
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** A gauge or counter from the gateway's /metrics. */
export async function gatewayMetric(gatewayPort: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${gatewayPort}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
  return Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
}

/**
 * Waits until `count` client subscriptions at the gateway are listening (their upstream has said
 * where it starts): a write before that could fall before a subscription without `after` starts.
 */
export async function subscriptionsListening(gatewayPort: number, count: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const listening = await gatewayMetric(gatewayPort, 'graphql_subscriptions_listening');
    if (listening === count) return;
    if (Date.now() > deadline) throw new Error(`expected ${count} listening subscription(s) at the gateway, found ${listening}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
