/**
 * The explorer in a real browser (Debian's Chromium driven by playwright-core, which never
 * downloads a browser): the page served by `npm start`'s gateway loads, runs the README's
 * profile query from its Examples panel and shows data, runs the deferred profile example over
 * multipart and shows each deferred payload merged into the response, runs a LIVE
 * subscription example over WebSocket and shows a gift sent meanwhile, passes the Headers tab's
 * credential in `connection_init`, and no request leaves loopback. Screenshots go to
 * test/output/explorer/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorIds } from '@app/fixtures/world';
import { EXAMPLES, FIRST_EXAMPLE } from '@app/web/explorer/examples';
import { DEFERRED_ACCEPT } from '@app/web/explorer/fetcher';
import { openBrowser, skipWithoutChromium, subscriptionsListening, type Browser } from './browser.ts';
import { buyCoins, handleOf, sendGift } from './live-api.ts';
import { startStack, type RunningStack } from './stack.ts';

const skip = skipWithoutChromium('explorer.e2e');

/**
 * The response pane's text with whitespace collapsed: Monaco renders spaces as no-break spaces
 * and wraps long lines, so a value can be split across rendered lines.
 */
async function responseText(page: Page): Promise<string> {
  return ((await page.locator('.graphiql-response').textContent()) ?? '').replace(/\s+/g, ' ');
}

async function waitForResponseContaining(browser: Browser, page: Page, text: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const shown = await responseText(page);
    if (shown.includes(text.replace(/\s+/g, ' '))) return shown;
    if (Date.now() > deadline) {
      await browser.screenshot(page, 'failed.png');
      throw new Error(`the response pane never showed ${JSON.stringify(text)}; it shows: ${shown.slice(0, 500)}`);
    }
    await page.waitForTimeout(200);
  }
}

/** Replaces the Headers tab's text (typed as one insertion, so Monaco adds no closing quotes). */
async function setHeaders(page: Page, headers: string): Promise<void> {
  await page.getByRole('button', { name: /^headers$/i }).click();
  const editor = page.locator('.graphiql-editor-tool .graphiql-editor').last();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(headers);
}

describe.skipIf(skip)('the explorer in Chromium', () => {
  let stack: RunningStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startStack();
    browser = await openBrowser('explorer');
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('runs the profile example and shows its data, with every request on loopback', async () => {
    const expected = await stack.query<{ creator: { displayName: string } }>('{ creator(handle: "maya.cooking") { displayName } }');
    const displayName = expected.body.data!.creator.displayName;
    expect(FIRST_EXAMPLE.query).toContain('creator(handle: "maya.cooking")');

    const page = await browser.page();
    await page.goto(`http://127.0.0.1:${stack.ports.gateway}/`);
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
    // The docs need the schema, which GraphiQL introspects from the gateway.
    await page.getByRole('button', { name: /documentation explorer/i }).click();
    await page.getByText('A GraphQL schema provides a root type for each kind of operation.').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: /examples/i }).first().click();
    await browser.screenshot(page, '1-loaded.png');

    await page.locator(`[data-example="${FIRST_EXAMPLE.id}"]`).click();
    await page.locator('.graphiql-execute-button').click();
    const response = await waitForResponseContaining(browser, page, displayName);
    expect(response).toContain('"displayName"');
    expect(response).not.toContain('"errors"');
    await browser.screenshot(page, '2-profile-result.png');

    // An example with variables: the panel fills the variables editor too.
    const streamExample = EXAMPLES.find((example) => example.id === 'stream-earnings')!;
    const stream = await stack.query<{ liveStream: { title: string } }>('query ($id: ID!) { liveStream(id: $id) { title } }', { id: streamExample.variables!.liveStreamId });
    await page.locator(`[data-example="${streamExample.id}"]`).click();
    await page.locator('.graphiql-execute-button').click();
    expect(await waitForResponseContaining(browser, page, stream.body.data!.liveStream.title)).not.toContain('"errors"');
    await browser.screenshot(page, '3-stream-earnings-result.png');

    expect(browser.offLoopback()).toEqual([]);
    // What the page fetched: itself, its bundle, and GraphQL (introspection, then the query).
    expect(browser.requests.some((url) => /\/assets\/explorer-[\w-]+\.js$/.test(url))).toBe(true);
    expect(browser.requests.some((url) => /\/assets\/graphql\.worker-[\w-]+\.js$/.test(url)), 'Monaco’s GraphQL worker loads from the gateway').toBe(true);
    expect(browser.requests.filter((url) => url.endsWith('/graphql')).length).toBeGreaterThanOrEqual(2);
    expect(browser.consoleErrors.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
  }, 90_000);

  it('runs the deferred profile example: it asks for deferred parts, the gateway answers them as multipart, and the response shows every deferred part merged in', async () => {
    const example = EXAMPLES.find((candidate) => candidate.id === 'creator-profile-deferred')!;
    expect(example.query).toContain('@defer(label: "videos")');
    // What the same query answers in one response: the values the deferred parts must bring.
    const whole = await stack.query<any>(example.query.replace(/\.\.\. @defer\(label: "\w+"\) \{([^]*?)\n {4}\}/g, '$1'));
    expect(whole.body.errors).toBeUndefined();
    const creator = whole.body.data.creator;
    const caption: string = creator.videos.edges[0].node.caption;
    const showcased: string = creator.showcase.edges[0].node.title;
    const streamTitle: string = creator.liveStreams.edges[0].node.title;

    const page = await browser.page();
    const exchanges: { accept: string | undefined; contentType: string | undefined }[] = [];
    page.on('response', (response) => {
      const request = response.request();
      if (request.method() === 'POST' && request.postData()?.includes('CreatorProfileDeferred')) exchanges.push({ accept: request.headers().accept, contentType: response.headers()['content-type'] });
    });
    // Monaco renders only the lines in view: a tall window shows the whole response.
    await page.setViewportSize({ width: 1440, height: 6000 });
    try {
      await page.locator(`[data-example="${example.id}"]`).click();
      await page.locator('.graphiql-execute-button').click();
      await waitForResponseContaining(browser, page, showcased);
      await waitForResponseContaining(browser, page, caption);
      const response = await waitForResponseContaining(browser, page, streamTitle);
      expect(response).toContain(creator.displayName);
      expect(response).not.toContain('"errors"');
      await browser.screenshot(page, '4-deferred-profile.png');
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }

    // The page asked for the incremental format and got multipart back. Asked the same way, the
    // gateway answers the initial part, one part per deferred fragment, and hasNext false last.
    await expect.poll(() => exchanges.length).toBe(1);
    const [exchange] = exchanges;
    expect(exchange!.accept).toBe(DEFERRED_ACCEPT);
    expect(exchange!.contentType).toMatch(/^multipart\/mixed;.*deferSpec=20220824/);
    const answer = await fetch(`http://127.0.0.1:${stack.ports.gateway}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: DEFERRED_ACCEPT }, body: JSON.stringify({ query: example.query }) });
    const parts = (await answer.text())
      .split(/\r\n---/)
      .map((part) => part.slice(part.indexOf('\r\n\r\n') + 4).trim())
      .filter((part) => part.startsWith('{'))
      .map((part) => JSON.parse(part) as { data?: unknown; hasNext: boolean; incremental?: { label?: string }[] });
    expect(parts[0]).toMatchObject({ data: { creator: { displayName: creator.displayName } }, hasNext: true });
    expect(parts.flatMap((part) => part.incremental ?? []).map((part) => part.label).sort()).toEqual(['live', 'shop', 'videos']);
    expect(parts.at(-1)!.hasNext).toBe(false);
    expect(browser.offLoopback()).toEqual([]);
  }, 90_000);

  it('runs the LIVE gifts subscription example over WebSocket and shows a gift sent meanwhile, with the sender’s handle', async () => {
    const example = EXAMPLES.find((candidate) => candidate.id === 'live-gift-events')!;
    const streamId = example.variables!.liveStreamId as string;
    const sender = creatorIds[0] as string;
    const senderHandle = await handleOf(stack, sender);
    await buyCoins(stack, sender);

    const page = await browser.page();
    await page.locator(`[data-example="${example.id}"]`).click();
    await page.locator('.graphiql-execute-button').click();
    await subscriptionsListening(stack.ports.gateway, 1);

    const send = await sendGift(stack, sender, streamId, 'Finger Heart', 2);
    const shown = await waitForResponseContaining(browser, page, `"handle": "${senderHandle}"`);
    expect(shown).toContain('"name": "Finger Heart"');
    expect(shown).toContain(`"coins": ${send.coins}`);
    expect(shown).toMatch(/"combo": 1/);
    expect(shown).not.toContain('"errors"');
    await browser.screenshot(page, '5-live-gift-event.png');

    // While it runs the Run button stops it; the gateway's subscription closes.
    await page.locator('.graphiql-execute-button').click();
    await subscriptionsListening(stack.ports.gateway, 0);
    const sockets = browser.requests.filter((url) => url.startsWith('ws:'));
    expect(sockets).toEqual([`ws://127.0.0.1:${stack.ports.gateway}/graphql`]);
    expect(browser.offLoopback()).toEqual([]);
  }, 90_000);

  it('sends the Headers tab’s Authorization in connection_init: a bad token closes the socket with 4401', async () => {
    const page = await browser.page();
    await setHeaders(page, '{ "Authorization": "Bearer not-a-token" }');
    await page.locator('[data-example="live-stream-updates"]').click();
    await page.locator('.graphiql-execute-button').click();
    expect(await waitForResponseContaining(browser, page, '4401')).toMatch(/Unauthorized/);
    await browser.screenshot(page, '6-bad-token-4401.png');
  }, 60_000);
});
