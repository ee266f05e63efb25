/**
 * The LIVE room page (`/examples/live`) in a real browser (Debian's Chromium through
 * playwright-core), against the graph as `npm start` runs it. Writes go through the API over
 * HTTP, as another viewer, the stream's creator or a buyer would make them; the page must show
 * each as its event arrives: a gift with the sender's handle and an unambiguous combo count, a
 * pin and an unpin, a purchase, the stream's end. On joining it replays the stream's recent gifts
 * (each once, newest first) and counts the earlier ones. It resumes after a dropped socket from
 * the last event id, signs in with a pasted token (the form gives way to who is signed in) to buy
 * coins, send a gift and buy from a pinned product as the stock moves, fits a 390 px phone, and
 * no request leaves loopback (product images are on an external host: the page shows a
 * placeholder). Screenshots go to test/output/live-page/.
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
/** Gifts to the stream before the page opens: what it must replay on joining. */
const EARLY_SENDER = userIds[43] as string;

/** `text` as a regular expression matching it literally. */
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
  let earlyHandle: string;
  /** What the seed's history gifted on the stream: counted by the totals, with no events to replay. */
  let seeded: { coins: number; giftCount: number };
  /** A product pinned by the second test and bought from by the page. */
  let pinned: { id: string; title: string; inventory: number; imageUrl: string; price: { formatted: string } };

  beforeAll(async () => {
    stack = await startStack();
    browser = await openBrowser('live-page');
    page = await browser.page();
    page.on('websocket', (socket: WebSocket) => socket.on('framesent', (frame) => sent.push(JSON.parse(String(frame.payload)))));
    viewerHandle = await handleOf(stack, VIEWER);
    earlyHandle = await handleOf(stack, EARLY_SENDER);
    await buyCoins(stack, VIEWER);
    await buyCoins(stack, EARLY_SENDER);
    seeded = (await stack.query('query ($id: ID!) { liveStream(id: $id) { giftTotals { coins giftCount } } }', { id: SEEDED_STREAM })).body.data.liveStream.giftTotals;
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows the stream’s recent gifts on joining, newest first, then shows live ones with the sender’s handle, the totals and a combo that says gifts and sends', async () => {
    // Sent before the page opens: a combo of two sends (1 + 3 roses), events 1 and 2.
    await sendGift(stack, EARLY_SENDER, SEEDED_STREAM, 'Rose', 1);
    await sendGift(stack, EARLY_SENDER, SEEDED_STREAM, 'Rose', 3);

    await page.goto(`http://127.0.0.1:${stack.ports.gateway}/examples/live`);
    await page.locator(`#stream-picker option[value="${SEEDED_STREAM}"]`).waitFor({ state: 'attached', timeout: 20_000 });
    await browser.screenshot(page, '1-picker.png');
    await page.selectOption('#stream-picker', SEEDED_STREAM);
    await waitForText(browser, page, '#stream-status', /LIVE since/);
    // The three subscriptions share one socket, and the gateway has them listening.
    await subscriptionsListening(stack.ports.gateway, 3);
    expect(browser.requests.filter((url) => url.startsWith('ws:'))).toEqual([`ws://127.0.0.1:${stack.ports.gateway}/graphql`]);
    const subscribes = sent.filter((message) => message.type === 'subscribe');
    expect(subscribes.map((message) => /subscription (\w+)/.exec(message.payload!.query!)?.[1])).toEqual(['GiftEvents', 'ShoppingEvents', 'StreamUpdates']);
    // Gifts after the newest event of the recent gifts the room showed (the early combo's second send); the others from the next event.
    expect(subscribes.map((message) => message.payload!.variables!.after)).toEqual(['2', null, null]);
    expect(await text(page, '#connection')).toBe('Connected');

    // The early combo is one row on top; the seed's older sends (no events) are the rows under it, and
    // the stream's gifts the 20 recent sends leave out are counted below them.
    await waitForText(browser, page, '#gift-feed li', `@${earlyHandle} sent Rose ×4 (2 sends: 1 + 3)`);
    expect(await text(page, '#gift-feed li:first-child')).toBe(`@${earlyHandle} sent Rose ×4 (2 sends: 1 + 3)`);
    const recent = (await stack.query('query ($id: ID!) { liveStream(id: $id) { recentGifts(first: 20) { quantity } } }', { id: SEEDED_STREAM })).body.data.liveStream.recentGifts as { quantity: number }[];
    expect(await page.locator('#gift-feed li').count()).toBe(recent.length - 1);
    expect(seeded.giftCount).toBeGreaterThan(0);
    const earlier = seeded.giftCount + 4 - recent.reduce((sum, send) => sum + send.quantity, 0);
    expect(await text(page, '#gift-earlier')).toBe(earlier > 0 ? `…and ${earlier} gift${earlier === 1 ? '' : 's'} sent before these.` : '');
    expect(await text(page, '#total-gifts')).toBe(String(seeded.giftCount + 4));
    expect(await text(page, '#total-coins')).toBe(String(seeded.coins + 4));

    await sendGift(stack, VIEWER, SEEDED_STREAM, 'Finger Heart', 2);
    await waitForText(browser, page, '#gift-feed li', `@${viewerHandle} sent Finger Heart ×2`);
    expect(await text(page, '#gift-feed li:first-child')).toBe(`@${viewerHandle} sent Finger Heart ×2`);
    expect(await text(page, '#total-coins')).toBe(String(seeded.coins + 4 + 10));
    expect(await text(page, '#total-gifts')).toBe(String(seeded.giftCount + 4 + 2));
    expect(await text(page, '#top-gifters')).toContain(`@${viewerHandle} · 10 coins`);

    // The same gift again within the combo window: the row counts 4 hearts in 2 sends of 2, not a second row.
    await sendGift(stack, VIEWER, SEEDED_STREAM, 'Finger Heart', 2);
    await waitForText(browser, page, '#gift-feed li .combo', '(2 sends of 2)');
    const feed = (await page.locator('#gift-feed li').allTextContents()).map((row) => row.replace(/\s+/g, ' ').trim());
    expect(feed.slice(0, 2)).toEqual([`@${viewerHandle} sent Finger Heart ×4 (2 sends of 2)`, `@${earlyHandle} sent Rose ×4 (2 sends: 1 + 3)`]);
    expect(await text(page, '#total-coins')).toBe(String(seeded.coins + 4 + 20));
    await browser.screenshot(page, '2-gift-combo.png');

    // Joining again shows the four sends among the recent gifts: each once, the same rows on top, the same totals.
    await page.reload();
    await waitForText(browser, page, '#gift-feed li', `@${viewerHandle} sent Finger Heart ×4 (2 sends of 2)`);
    await subscriptionsListening(stack.ports.gateway, 3);
    expect((await page.locator('#gift-feed li').allTextContents()).map((row) => row.replace(/\s+/g, ' ').trim()).slice(0, 2)).toEqual(feed.slice(0, 2));
    expect(await text(page, '#total-gifts')).toBe(String(seeded.giftCount + 8));
    expect(await text(page, '#event-ids')).toContain('gifts #4');
  }, 90_000);

  it('shows a product pinned through the API, then gone when unpinned, and a purchase from the stream with its sales', async () => {
    const pinnedNow = (await stack.query('query ($id: ID!) { liveStream(id: $id) { pinnedProducts { id } } }', { id: SEEDED_STREAM })).body.data.liveStream.pinnedProducts.map((product: { id: string }) => product.id);
    const products = (await stack.query('{ products(first: 40) { edges { node { id title inventory imageUrl price { formatted } } } } }')).body.data.products.edges.map((edge: any) => edge.node);
    const product = products.find((candidate: { id: string; inventory: number }) => !pinnedNow.includes(candidate.id) && candidate.inventory > 3 && candidate.inventory <= 100);
    expect(await page.locator(`#pinned li[data-product-id="${product.id}"]`).count()).toBe(0);

    await pinProduct(stack, SEEDED_CREATOR, SEEDED_STREAM, product.id);
    const row = `#pinned li[data-product-id="${product.id}"]`;
    await waitForText(browser, page, row, product.title);
    await waitForText(browser, page, '#shopping-feed li', `Pinned: ${product.title}`);
    // The API's image is on an external host, which the page may not reach: a placeholder with the title's initial stands in.
    expect(product.imageUrl).toMatch(/^https:\/\//);
    await page.locator(`${row} .thumb.placeholder`).waitFor({ timeout: 10_000 });
    expect(await page.locator(`${row} .thumb.placeholder`).getAttribute('data-image-url')).toBe(product.imageUrl);
    expect(await text(page, `${row} .thumb.placeholder`)).toBe(product.title.trim()[0]!.toUpperCase());
    await browser.screenshot(page, '3-pinned.png');

    // Anonymous, Buy asks the API, which refuses with UNAUTHENTICATED: the row says to sign in, and nothing moves.
    await page.click(`${row} button.buy`);
    await waitForText(browser, page, `${row} .outcome`, 'Sign in to buy (under You).');
    expect(await text(page, `${row} .stock`)).toBe(`${product.inventory} left`);

    const order = await stack.query('mutation ($input: CheckoutInput!) { checkout(input: $input) { order { id } } }', { input: { lines: [{ productId: product.id, quantity: 2 }], liveStreamId: SEEDED_STREAM, idempotencyKey: idempotencyKey('order') } }, await asUser(stack, userIds[42] as string));
    expect(order.body.errors).toBeUndefined();
    await waitForText(browser, page, '#shopping-feed li', `Someone bought 2 × ${product.title}`);
    await waitForText(browser, page, `#pinned li[data-product-id="${product.id}"]`, `${product.inventory - 2} left`);
    await waitForText(browser, page, '#sales', /^1 order · 2 units · \$/);

    await pinProduct(stack, SEEDED_CREATOR, SEEDED_STREAM, product.id, 'unpinProduct');
    await waitForText(browser, page, '#shopping-feed li', `Unpinned: ${product.title}`);
    expect(await page.locator(`#pinned li[data-product-id="${product.id}"]`).count()).toBe(0);
    await browser.screenshot(page, '4-purchase-unpinned.png');

    // Pinned again for the signed-in viewer to buy from (below).
    await pinProduct(stack, SEEDED_CREATOR, SEEDED_STREAM, product.id);
    await waitForText(browser, page, row, `${product.inventory - 2} left`);
    pinned = { ...product, inventory: product.inventory - 2 };
  }, 60_000);

  it('resumes after a dropped socket from the last event id: gifts sent while it was down arrive, each once', async () => {
    const lastGiftId = /gifts #(\d+)/.exec(await text(page, '#event-ids'))?.[1];
    expect(lastGiftId).toBe('4');
    await page.click('#toggle-connection');
    await waitForText(browser, page, '#connection', 'Disconnected');
    await subscriptionsListening(stack.ports.gateway, 0);
    const subscribesBefore = sent.filter((message) => message.type === 'subscribe').length;

    await sendGift(stack, VIEWER, SEEDED_STREAM, 'Rose', 3);
    await sendGift(stack, VIEWER, SEEDED_STREAM, 'Doughnut');
    await page.waitForTimeout(300);
    expect(await text(page, '#gift-feed')).not.toContain(`@${viewerHandle} sent Rose ×3`);
    await browser.screenshot(page, '5-disconnected.png');

    await page.click('#toggle-connection');
    await waitForText(browser, page, '#gift-feed li', `@${viewerHandle} sent Doughnut`);
    await waitForText(browser, page, '#connection', 'Connected');
    const feed = await page.locator('#gift-feed li').allTextContents();
    expect(feed.map((row) => row.replace(/\s+/g, ' ').trim()).slice(0, 4)).toEqual([
      `@${viewerHandle} sent Doughnut`,
      `@${viewerHandle} sent Rose ×3`,
      `@${viewerHandle} sent Finger Heart ×4 (2 sends of 2)`,
      `@${earlyHandle} sent Rose ×4 (2 sends: 1 + 3)`,
    ]);
    expect(await text(page, '#total-coins')).toBe(String(seeded.coins + 4 + 20 + 3 + 30));
    // The gifts subscription came back with `after` = the last id it had seen; the others had their own.
    const resubscribed = sent.filter((message) => message.type === 'subscribe').slice(subscribesBefore);
    const giftsAgain = resubscribed.find((message) => message.payload!.query!.includes('subscription GiftEvents'));
    expect(giftsAgain?.payload?.variables?.after).toBe(lastGiftId);
    expect(resubscribed).toHaveLength(3);
    expect(await text(page, '#event-ids')).toContain('gifts #6');
    await browser.screenshot(page, '6-resumed.png');
  }, 60_000);

  it('signs in with a pasted token (the form gives way to who is signed in), buys coins when it has too few and sends a gift from the page', async () => {
    const sender = userIds[41] as string;
    const handle = await handleOf(stack, sender);
    expect(await page.locator('#sign-in').isVisible()).toBe(true);
    await page.fill('#token', await stack.tokenFor(sender));
    await page.click('#sign-in button[type=submit]');
    await waitForText(browser, page, '#me-handle', `@${handle}`);
    expect(await text(page, '#me-coins')).toBe('0');
    expect(await page.locator('#sign-in').isVisible()).toBe(false);
    expect(await page.locator('#token').isVisible()).toBe(false);
    expect(await text(page, '#signed-in p')).toBe(`Signed in as @${handle} · 0 coins Sign out`);
    expect(await page.locator('#sign-out').isVisible()).toBe(true);

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

  it('buys from a pinned product as the signed-in viewer: the order goes through attributed to the stream and the stock moves; when another buyer took the rest, it says sold out', async () => {
    const row = `#pinned li[data-product-id="${pinned.id}"]`;
    const salesBefore = (await stack.query('query ($id: ID!) { liveStream(id: $id) { sales { orders units } } }', { id: SEEDED_STREAM })).body.data.liveStream.sales;
    await page.click(`${row} button.buy`);
    await waitForText(browser, page, `${row} .outcome`, /^Bought 1 for \$[\d.,]+ \(order ord_[\w-]+\)\.$/);
    expect(await page.locator(`${row} .outcome`).getAttribute('data-kind')).toBe('ok');
    await waitForText(browser, page, `${row} .stock`, `${pinned.inventory - 1} left`);
    await waitForText(browser, page, '#shopping-feed li', `Someone bought 1 × ${pinned.title}`);
    await waitForText(browser, page, '#sales', new RegExp(`^${salesBefore.orders + 1} orders · ${salesBefore.units + 1} units · \\$`));
    const orderId = /order (ord_[\w-]+)/.exec(await text(page, `${row} .outcome`))![1]!;
    const order = await stack.query('query ($id: ID!) { node(id: $id) { ... on Order { buyer { id } liveStream { id } lines { quantity product { id } } } } }', { id: orderId }, await asUser(stack, userIds[41] as string));
    expect(order.body.data.node).toEqual({ buyer: { id: userIds[41] }, liveStream: { id: SEEDED_STREAM }, lines: [{ quantity: 1, product: { id: pinned.id } }] });
    await browser.screenshot(page, '8-bought.png');

    // Another buyer takes every unit left, outside the stream (no event tells the page): Buy is refused OUT_OF_STOCK and the row learns the stock from the refusal.
    const rest = pinned.inventory - 1;
    const drained = await stack.query('mutation ($input: CheckoutInput!) { checkout(input: $input) { order { id } } }', { input: { lines: [{ productId: pinned.id, quantity: rest }], idempotencyKey: idempotencyKey('drain') } }, await asUser(stack, userIds[44] as string));
    expect(drained.body.errors).toBeUndefined();
    expect(await text(page, `${row} .stock`)).toBe(`${rest} left`);
    await page.click(`${row} button.buy`);
    await waitForText(browser, page, `${row} .outcome`, 'Sold out: none left to buy.');
    expect(await page.locator(`${row} .outcome`).getAttribute('data-kind')).toBe('error');
    expect(await text(page, `${row} .stock`)).toBe('Sold out');
    expect(await page.locator(`${row} button.buy`).isDisabled()).toBe(true);
    await browser.screenshot(page, '9-sold-out.png');

    // A flash deal started through the API on a newly pinned product: the row counts down to its
    // start, then to its end with the units left; Buy pays the deal price; the limit is worded; the
    // deal ends when another buyer takes the rest.
    const pinnedNow = (await stack.query('query ($id: ID!) { liveStream(id: $id) { pinnedProducts { id } } }', { id: SEEDED_STREAM })).body.data.liveStream.pinnedProducts.map((product: { id: string }) => product.id);
    const products = (await stack.query('{ products(first: 40) { edges { node { id title inventory price { amount } } } } }')).body.data.products.edges.map((edge: any) => edge.node);
    const onDeal = products.find((candidate: { id: string; inventory: number; price: { amount: number } }) => !pinnedNow.includes(candidate.id) && candidate.id !== pinned.id && candidate.inventory > 5 && candidate.price.amount > 200);
    await pinProduct(stack, SEEDED_CREATOR, SEEDED_STREAM, onDeal.id);
    const dealRow = `#pinned li[data-product-id="${onDeal.id}"]`;
    await waitForText(browser, page, `${dealRow} .title`, onDeal.title);
    const creator = await asUser(stack, SEEDED_CREATOR);
    const started = await stack.query(
      'mutation ($input: StartFlashDealInput!) { startFlashDeal(input: $input) { id dealPrice { formatted } } }',
      { input: { liveStreamId: SEEDED_STREAM, productId: onDeal.id, dealPrice: 100, startsIn: 10, durationMinutes: 2, quantity: 3, perBuyerLimit: 1, idempotencyKey: idempotencyKey('deal') } },
      creator,
    );
    expect(started.body.errors).toBeUndefined();
    const deal = started.body.data.startFlashDeal;
    await waitForText(browser, page, `${dealRow} .deal`, new RegExp(`^Flash deal ${escaped(deal.dealPrice.formatted)} · starts in 0:(0\\d|10) · 3 at this price · 1 a buyer$`));
    await waitForText(browser, page, '#shopping-feed li', `Flash deal on ${onDeal.title}: ${deal.dealPrice.formatted}, starting soon`);
    await browser.screenshot(page, '9a-deal-countdown.png');
    await waitForText(browser, page, `${dealRow} .deal`, / · ends in [12]:\d\d · 3 at this price/, 20_000);
    await waitForText(browser, page, `${dealRow} button.buy`, `Buy at ${deal.dealPrice.formatted}`);
    await page.click(`${dealRow} button.buy`);
    await waitForText(browser, page, `${dealRow} .outcome`, new RegExp(`^Bought 1 for ${escaped(deal.dealPrice.formatted)} at the flash deal price \\(order ord_[\\w-]+\\)\\.$`));
    await waitForText(browser, page, `${dealRow} .deal`, ' · 2 at this price');
    await page.click(`${dealRow} button.buy`);
    await waitForText(browser, page, `${dealRow} .outcome`, 'The flash deal allows 1 a buyer: you have bought your share.');
    await browser.screenshot(page, '9b-deal-bought.png');
    const another = await stack.query(
      'mutation ($input: CheckoutInput!) { checkout(input: $input) { order { id } } }',
      { input: { lines: [{ productId: onDeal.id, quantity: 1 }], liveStreamId: SEEDED_STREAM, flashDealId: deal.id, idempotencyKey: idempotencyKey('deal-rest') } },
      await asUser(stack, userIds[45] as string),
    );
    expect(another.body.errors).toBeUndefined();
    const last = await stack.query(
      'mutation ($input: CheckoutInput!) { checkout(input: $input) { order { id } } }',
      { input: { lines: [{ productId: onDeal.id, quantity: 1 }], liveStreamId: SEEDED_STREAM, flashDealId: deal.id, idempotencyKey: idempotencyKey('deal-last') } },
      await asUser(stack, userIds[46] as string),
    );
    expect(last.body.errors).toBeUndefined();
    await waitForText(browser, page, '#shopping-feed li', `Flash deal on ${onDeal.title} ended: 3 sold`);
    expect(await page.locator(`${dealRow} .deal`).isHidden()).toBe(true);
    await waitForText(browser, page, `${dealRow} button.buy`, /^Buy$/);
    await browser.screenshot(page, '9c-deal-ended.png');

    // Signing out brings the form back.
    await page.click('#sign-out');
    expect(await page.locator('#sign-in').isVisible()).toBe(true);
    expect(await page.locator('#signed-in').isVisible()).toBe(false);
  }, 120_000);

  it('fits a 390 px phone: the stream picker and everything else within the screen width, no horizontal scroll', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.waitForTimeout(200);
      // (A script, not a function: the tests are compiled without the DOM's types.)
      const layout = await page.evaluate<{ width: number; scrollWidth: number; bodyScrollWidth: number; outside: string[]; pickerRight: number }>(`(() => {
        const width = document.documentElement.clientWidth;
        const outside = [...document.querySelectorAll('body *')]
          .filter((element) => {
            const box = element.getBoundingClientRect();
            return box.width > 0 && (box.left < -0.5 || box.right > width + 0.5);
          })
          .map((element) => element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + (element.className ? '.' + String(element.className).replace(/ /g, '.') : ''));
        const picker = document.getElementById('stream-picker').getBoundingClientRect();
        return { width, scrollWidth: document.documentElement.scrollWidth, bodyScrollWidth: document.body.scrollWidth, outside, pickerRight: picker.right };
      })()`);
      await browser.screenshot(page, '10-phone.png');
      await page.screenshot({ path: `${browser.output}/10-phone-full.png`, fullPage: true });
      expect(layout.width).toBe(390);
      expect(layout.outside).toEqual([]);
      expect(layout.scrollWidth).toBeLessThanOrEqual(390);
      expect(layout.bodyScrollWidth).toBeLessThanOrEqual(390);
      expect(layout.pickerRight).toBeLessThanOrEqual(390);
      // The pinned product's Buy button is on screen too.
      expect(await page.locator(`#pinned li[data-product-id="${pinned.id}"] button.buy`).isVisible()).toBe(true);
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  }, 30_000);

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
    await browser.screenshot(page, '11-ended.png');

    expect(browser.requests.some((url) => /\/assets\/live-[\w-]+\.js$/.test(url))).toBe(true);
    // The only requests for another host were the pinned products’ images the API gave, and none left: the page’s policy refused each (or the test’s route would have).
    const images = new Set<string>((await stack.query('query ($id: ID!) { liveStream(id: $id) { pinnedProducts { imageUrl } } }', { id: SEEDED_STREAM })).body.data.liveStream.pinnedProducts.map((product: { imageUrl: string }) => product.imageUrl));
    expect(images).toContain(pinned.imageUrl);
    const offLoopback = browser.offLoopback();
    expect(offLoopback.filter((url) => !images.has(url))).toEqual([]);
    for (const url of offLoopback) expect(browser.failed.get(url), url).toMatch(/^csp$|ERR_BLOCKED_BY_CLIENT/);
    // The console says so for each image, and refuses nothing else.
    const refused = browser.consoleErrors.filter((line) => /Content Security Policy|Refused to/i.test(line));
    const refusedImage = (line: string) => /the image '([^']+)' (?:because it )?violates the following Content Security Policy directive: "img-src 'self' data:"/.exec(line)?.[1];
    expect(refused.filter((line) => !images.has(refusedImage(line) ?? ''))).toEqual([]);
  }, 60_000);
});
