/**
 * The LIVE room page (`/examples/live`) in a real browser (Debian's Chromium through
 * playwright-core), against the graph as `npm start` runs it. Writes go through the API over
 * HTTP, as another viewer, the stream's creator or a buyer would make them; the page must show
 * each as its event arrives: a gift with the sender's handle and combo, a pin and an unpin, a
 * purchase, the stream's end. It resumes after a dropped socket from the last event id, signs in
 * with a pasted token to buy coins and send a gift, and no request leaves loopback.
 * Screenshots go to test/output/live-page/.
 */
import type { Page, WebSocket } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorIds, liveStreamCreatorId, liveStreamIds, userIds } from '@app/fixtures/world';
import { openBrowser, skipWithoutChromium, subscriptionsListening, type Browser } from './browser.ts';
import { asUser, buyCoins, endStream, handleOf, idempotencyKey, pinProduct, sendGift, startOwnStream } from './live-api.ts';
import { startStack, type RunningStack } from './stack.ts';

const skip = skipWithoutChromium('live-page.e2e');

/** A seeded stream that is live (the first ones are), and its creator. */
const SEEDED_STREAM = liveStreamIds[3] as string;
const SEEDED_CREATOR = liveStreamCreatorId(3);
const VIEWER = userIds[40] as string;

const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** Waits until an element matching `selector` shows `expected`; screenshots what it showed if it never does. */
async function waitForText(browser: Browser, page: Page, selector: string, expected: string | RegExp, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = await page.locator(selector).allTextContents();
    if (shown.some((one) => (typeof expected === 'string' ? one.replace(/\s+/g, ' ').includes(expected) : expected.test(one)))) return;
    if (Date.now() > deadline) {
      await browser.screenshot(page, 'failed.png');
      throw new Error(`${selector} never showed ${String(expected)}; it shows: ${JSON.stringify(shown).slice(0, 500)}`);
    }
    await page.waitForTimeout(100);
  }
}

describe.skipIf(skip)('the LIVE room page in Chromium', () => {
  let stack: RunningStack;
  let browser: Browser;
  let page: Page;
  /** Every graphql-ws message the page sent, parsed. */
  const sent: { type: string; payload?: { variables?: { after?: string | null }; query?: string } }[] = [];
  let viewerHandle: string;
  /** What the seed's history gifted on the stream before the page opened: the page's totals start there. */
  let seeded: { coins: number; giftCount: number };

  beforeAll(async () => {
    stack = await startStack();
    browser = await openBrowser('live-page');
    page = await browser.page();
    page.on('websocket', (socket: WebSocket) => socket.on('framesent', (frame) => sent.push(JSON.parse(String(frame.payload)))));
    viewerHandle = await handleOf(stack, VIEWER);
    await buyCoins(stack, VIEWER);
    seeded = (await stack.query('query ($id: ID!) { liveStream(id: $id) { giftTotals { coins giftCount } } }', { id: SEEDED_STREAM })).body.data.liveStream.giftTotals;
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows a gift sent through the API with the sender’s handle, the totals and the combo, on a seeded stream picked from those live', async () => {
    await page.goto(`http://127.0.0.1:${stack.ports.gateway}/examples/live`);
    await page.locator(`#stream-picker option[value="${SEEDED_STREAM}"]`).waitFor({ state: 'attached', timeout: 20_000 });
    await browser.screenshot(page, '1-picker.png');
    await page.selectOption('#stream-picker', SEEDED_STREAM);
    await waitForText(browser, page, '#stream-status', /LIVE since/);
    // The three subscriptions share one socket, and the gateway has them listening.
    await subscriptionsListening(stack.ports.gateway, 3);
    expect(browser.requests.filter((url) => url.startsWith('ws:'))).toEqual([`ws://127.0.0.1:${stack.ports.gateway}/graphql`]);
    expect(sent.filter((message) => message.type === 'subscribe').map((message) => /subscription (\w+)/.exec(message.payload!.query!)?.[1])).toEqual(['GiftEvents', 'ShoppingEvents', 'StreamUpdates']);
    expect(await text(page, '#connection')).toBe('Connected');
    expect(seeded.coins).toBeGreaterThan(0);
    expect(await text(page, '#total-coins')).toBe(String(seeded.coins));

    await sendGift(stack, VIEWER, SEEDED_STREAM, 'Finger Heart', 2);
    await waitForText(browser, page, '#gift-feed li', `@${viewerHandle} sent 2 × Finger Heart`);
    expect(await text(page, '#total-coins')).toBe(String(seeded.coins + 10));
    expect(await text(page, '#total-gifts')).toBe(String(seeded.giftCount + 2));
    expect(await text(page, '#top-gifters')).toContain(`@${viewerHandle} · 10 coins`);

    // The same gift again within the combo window: the row becomes "x2", not a second row.
    await sendGift(stack, VIEWER, SEEDED_STREAM, 'Finger Heart', 2);
    await waitForText(browser, page, '#gift-feed li .combo', 'x2');
    expect(await page.locator('#gift-feed li').count()).toBe(1);
    expect(await text(page, '#total-coins')).toBe(String(seeded.coins + 20));
    await browser.screenshot(page, '2-gift-combo.png');
  }, 60_000);

  it('shows a product pinned through the API, then gone when unpinned, and a purchase from the stream with its sales', async () => {
    const pinnedNow = (await stack.query('query ($id: ID!) { liveStream(id: $id) { pinnedProducts { id } } }', { id: SEEDED_STREAM })).body.data.liveStream.pinnedProducts.map((product: { id: string }) => product.id);
    const products = (await stack.query('{ products(first: 40) { edges { node { id title inventory } } } }')).body.data.products.edges.map((edge: any) => edge.node);
    const product = products.find((candidate: { id: string; inventory: number }) => !pinnedNow.includes(candidate.id) && candidate.inventory > 2);
    expect(await page.locator(`#pinned li[data-product-id="${product.id}"]`).count()).toBe(0);

    await pinProduct(stack, SEEDED_CREATOR, SEEDED_STREAM, product.id);
    await waitForText(browser, page, `#pinned li[data-product-id="${product.id}"]`, product.title);
    await waitForText(browser, page, '#shopping-feed li', `Pinned: ${product.title}`);
    await browser.screenshot(page, '3-pinned.png');

    const order = await stack.query('mutation ($input: CheckoutInput!) { checkout(input: $input) { order { id } } }', { input: { lines: [{ productId: product.id, quantity: 2 }], liveStreamId: SEEDED_STREAM, idempotencyKey: idempotencyKey('order') } }, await asUser(stack, userIds[42] as string));
    expect(order.body.errors).toBeUndefined();
    await waitForText(browser, page, '#shopping-feed li', `Someone bought 2 × ${product.title}`);
    await waitForText(browser, page, `#pinned li[data-product-id="${product.id}"]`, `${product.inventory - 2} left`);
    await waitForText(browser, page, '#sales', /^1 order · 2 units · \$/);

    await pinProduct(stack, SEEDED_CREATOR, SEEDED_STREAM, product.id, 'unpinProduct');
    await waitForText(browser, page, '#shopping-feed li', `Unpinned: ${product.title}`);
    expect(await page.locator(`#pinned li[data-product-id="${product.id}"]`).count()).toBe(0);
    await browser.screenshot(page, '4-purchase-unpinned.png');
  }, 60_000);

  it('resumes after a dropped socket from the last event id: gifts sent while it was down arrive, each once', async () => {
    const lastGiftId = /gifts #(\d+)/.exec(await text(page, '#event-ids'))?.[1];
    expect(lastGiftId).toBe('2');
    await page.click('#toggle-connection');
    await waitForText(browser, page, '#connection', 'Disconnected');
    await subscriptionsListening(stack.ports.gateway, 0);
    const subscribesBefore = sent.filter((message) => message.type === 'subscribe').length;

    await sendGift(stack, VIEWER, SEEDED_STREAM, 'Rose', 3);
    await sendGift(stack, VIEWER, SEEDED_STREAM, 'Doughnut');
    await page.waitForTimeout(300);
    expect(await text(page, '#gift-feed')).not.toContain('Rose');
    await browser.screenshot(page, '5-disconnected.png');

    await page.click('#toggle-connection');
    await waitForText(browser, page, '#gift-feed li', `@${viewerHandle} sent Doughnut`);
    await waitForText(browser, page, '#connection', 'Connected');
    const feed = await page.locator('#gift-feed li').allTextContents();
    expect(feed.map((row) => row.replace(/\s+/g, ' ').trim())).toEqual([`@${viewerHandle} sent Doughnut`, `@${viewerHandle} sent 3 × Rose`, `@${viewerHandle} sent 2 × Finger Heart x2`]);
    expect(await text(page, '#total-coins')).toBe(String(seeded.coins + 20 + 3 + 30));
    // The gifts subscription came back with `after` = the last id it had seen; the others had their own.
    const resubscribed = sent.filter((message) => message.type === 'subscribe').slice(subscribesBefore);
    const giftsAgain = resubscribed.find((message) => message.payload!.query!.includes('subscription GiftEvents'));
    expect(giftsAgain?.payload?.variables?.after).toBe(lastGiftId);
    expect(resubscribed).toHaveLength(3);
    expect(await text(page, '#event-ids')).toContain('gifts #4');
    await browser.screenshot(page, '6-resumed.png');
  }, 60_000);

  it('signs in with a pasted token, buys coins when it has too few and sends a gift from the page', async () => {
    const sender = userIds[41] as string;
    const handle = await handleOf(stack, sender);
    await page.fill('#token', await stack.tokenFor(sender));
    await page.click('#sign-in button[type=submit]');
    await waitForText(browser, page, '#me-handle', `@${handle}`);
    expect(await text(page, '#me-coins')).toBe('0');

    await page.selectOption('#gift', { label: 'Doughnut · 30 coins' });
    await page.click('#send-gift button[type=submit]');
    await waitForText(browser, page, '#viewer-message', 'Not enough coins');

    await page.selectOption('#coin-package', 'cpk_70');
    await page.click('#buy-coins button[type=submit]');
    await waitForText(browser, page, '#me-coins', '70');
    await page.click('#send-gift button[type=submit]');
    await waitForText(browser, page, '#gift-feed li', `@${handle} sent Doughnut`);
    await waitForText(browser, page, '#me-coins', '40');
    // Signing in reconnected the socket with the token in connection_init; the room resumed on it.
    expect(sent.some((message) => message.type === 'connection_init' && (message.payload as { authorization?: string } | undefined)?.authorization?.startsWith('Bearer '))).toBe(true);
    expect(await page.locator(`#gift-feed li[data-sender="${viewerHandle}"]`).count()).toBe(3);
    await browser.screenshot(page, '7-signed-in-gift.png');
  }, 60_000);

  it('shows the end of a stream (one the test started, so ending it disturbs nothing else) and lets its subscriptions go', async () => {
    const creator = creatorIds[10] as string;
    const streamId = await startOwnStream(stack, creator, 'Browser test stream');
    await page.goto(`http://127.0.0.1:${stack.ports.gateway}/examples/live`);
    await page.locator(`#stream-picker option[value="${streamId}"]`).waitFor({ state: 'attached', timeout: 20_000 });
    await page.selectOption('#stream-picker', streamId);
    await waitForText(browser, page, '#stream-title', 'Browser test stream');
    await subscriptionsListening(stack.ports.gateway, 3);

    await sendGift(stack, VIEWER, streamId, 'Rose');
    await waitForText(browser, page, '#gift-feed li', `@${viewerHandle} sent Rose`);
    await endStream(stack, creator, streamId);
    await waitForText(browser, page, '#stream-status', /^Ended at/);
    await waitForText(browser, page, '#page-message', 'The stream has ended.');
    // Every subscription completed, so graphql-ws closed the socket; nothing resumes.
    await waitForText(browser, page, '#connection', 'Not connected');
    await subscriptionsListening(stack.ports.gateway, 0);
    expect(await page.locator('#send-gift').isVisible()).toBe(false);
    await browser.screenshot(page, '8-ended.png');

    expect(browser.offLoopback()).toEqual([]);
    expect(browser.requests.some((url) => /\/assets\/live-[\w-]+\.js$/.test(url))).toBe(true);
    expect(browser.consoleErrors.filter((line) => /Content Security Policy|Refused to/i.test(line))).toEqual([]);
  }, 60_000);
});
