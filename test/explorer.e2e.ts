/**
 * The explorer in a real browser (Debian's Chromium driven by playwright-core, which never
 * downloads a browser): the page served by `npm start`'s gateway loads, runs the README's
 * profile query from its Examples panel and shows data, and no request leaves loopback.
 * Screenshots go to test/output/explorer/ (gitignored).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, FIRST_EXAMPLE } from '@app/web/explorer/examples';
import { startStack, type RunningStack } from './stack.ts';

const CHROMIUM = '/usr/bin/chromium';
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
const output = path.resolve(import.meta.dirname, 'output', 'explorer');
// CI installs Chromium (.ci/run), so only a developer's machine without it skips.
const skip = !existsSync(CHROMIUM) && !process.env.CI;
if (skip) console.warn(`explorer.e2e: skipped, ${CHROMIUM} is missing (apt-get install chromium).`);

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The response pane's text with whitespace collapsed: Monaco renders spaces as no-break spaces
 * and wraps long lines, so a value can be split across rendered lines.
 */
async function responseText(page: Page): Promise<string> {
  return ((await page.locator('.graphiql-response').textContent()) ?? '').replace(/\s+/g, ' ');
}

async function waitForResponseContaining(page: Page, text: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const shown = await responseText(page);
    if (shown.includes(text.replace(/\s+/g, ' '))) return shown;
    if (Date.now() > deadline) {
      await page.screenshot({ path: path.join(output, 'failed.png') });
      throw new Error(`the response pane never showed ${JSON.stringify(text)}; it shows: ${shown.slice(0, 500)}`);
    }
    await page.waitForTimeout(200);
  }
}

describe.skipIf(skip)('the explorer in Chromium', () => {
  let stack: RunningStack;
  let context: BrowserContext;
  let profileDir: string;
  const requests: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(output, { recursive: true });
    stack = await startStack();
    profileDir = mkdtempSync(path.join(os.tmpdir(), 'explorer-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1440, height: 900 } });
    context.on('request', (request) => requests.push(request.url()));
    context.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
    await stack?.stop();
  });

  it('runs the profile example and shows its data, with every request on loopback', async () => {
    const expected = await stack.query<{ creator: { displayName: string } }>('{ creator(handle: "maya.cooking") { displayName } }');
    const displayName = expected.body.data!.creator.displayName;
    expect(FIRST_EXAMPLE.query).toContain('creator(handle: "maya.cooking")');

    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://127.0.0.1:${stack.ports.gateway}/`);
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
    // The docs need the schema, which GraphiQL introspects from the gateway.
    await page.getByRole('button', { name: /documentation explorer/i }).click();
    await page.getByText('A GraphQL schema provides a root type for each kind of operation.').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: /examples/i }).first().click();
    await page.screenshot({ path: path.join(output, '1-loaded.png') });

    await page.locator(`[data-example="${FIRST_EXAMPLE.id}"]`).click();
    await page.locator('.graphiql-execute-button').click();
    const response = await waitForResponseContaining(page, displayName);
    expect(response).toContain('"displayName"');
    expect(response).not.toContain('"errors"');
    await page.screenshot({ path: path.join(output, '2-profile-result.png') });

    // An example with variables: the panel fills the variables editor too.
    const streamExample = EXAMPLES.find((example) => example.id === 'stream-earnings')!;
    const stream = await stack.query<{ liveStream: { title: string } }>('query ($id: ID!) { liveStream(id: $id) { title } }', { id: streamExample.variables!.liveStreamId });
    await page.locator(`[data-example="${streamExample.id}"]`).click();
    await page.locator('.graphiql-execute-button').click();
    expect(await waitForResponseContaining(page, stream.body.data!.liveStream.title)).not.toContain('"errors"');
    await page.screenshot({ path: path.join(output, '3-stream-earnings-result.png') });

    const offLoopback = requests.filter((url) => !url.startsWith('data:') && !LOOPBACK.has(new URL(url).hostname));
    expect(offLoopback).toEqual([]);
    // What the page fetched: itself, its bundle, and GraphQL (introspection, then the query).
    expect(requests.some((url) => /\/assets\/explorer-[\w-]+\.js$/.test(url))).toBe(true);
    expect(requests.some((url) => /\/assets\/graphql\.worker-[\w-]+\.js$/.test(url)), 'Monaco’s GraphQL worker loads from the gateway').toBe(true);
    expect(requests.filter((url) => url.endsWith('/graphql')).length).toBeGreaterThanOrEqual(2);
    expect(consoleErrors.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
  }, 90_000);
});
