/**
 * The stream's pinned products, each with its image, price, stock and a Buy button. Rows are
 * kept by product id and updated in place, so a purchase event that moves the stock does not
 * wipe the outcome of the viewer's own Buy beside it. A product with a flash deal shows the deal
 * price, a countdown to its start or end (ticking each second on the page's clock) and the deal's
 * units left, and Buy buys from the deal while it sells.
 */
import type { LiveFlashDealFragment, LivePinnedProductFragment } from './__generated__/graphql.ts';

/** The room's first read and its shopping events select both with the same fragments. */
export type Product = LivePinnedProductFragment;
export type Deal = LiveFlashDealFragment;

/** What a Buy click resolves to: the words to show, whether it went through, and the stock if it learnt it. */
export interface BuyOutcome {
  text: string;
  ok: boolean;
  left?: number;
}

interface Shelf {
  product: Product;
  row: HTMLLIElement;
  stock: HTMLElement;
  buy: HTMLButtonElement;
  outcome: HTMLElement;
  busy: boolean;
  /** The product's flash deal, scheduled or running; null when it has none. */
  deal: Deal | null;
  dealLine: HTMLElement;
}

/** `m:ss` until `at`, never below zero. */
function countdown(at: string, now: number): string {
  const seconds = Math.max(0, Math.ceil((Date.parse(at) - now) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Whether the deal sells at `now`: its window decides, as the API's checkout does. */
export function dealSelling(deal: Deal, now: number): boolean {
  return deal.status !== 'ENDED' && Date.parse(deal.startsAt) <= now && now < Date.parse(deal.endsAt) && deal.unitsLeft > 0;
}

/**
 * The product's image, or a placeholder with its initial when there is none or it does not load
 * (an image host that is down, or one the page's Content-Security-Policy does not allow).
 */
function thumbnail(product: Product): HTMLElement {
  const placeholder = document.createElement('span');
  placeholder.className = 'thumb placeholder';
  placeholder.setAttribute('aria-hidden', 'true');
  placeholder.textContent = product.title.trim().charAt(0).toUpperCase() || '?';
  if (!product.imageUrl) return placeholder;
  const image = document.createElement('img');
  image.className = 'thumb';
  image.alt = '';
  image.width = 48;
  image.height = 48;
  image.loading = 'lazy';
  image.decoding = 'async';
  image.referrerPolicy = 'no-referrer';
  image.addEventListener(
    'error',
    () => {
      // Kept on the placeholder: which image did not load.
      placeholder.dataset.imageUrl = image.src;
      image.replaceWith(placeholder);
    },
    { once: true },
  );
  image.src = product.imageUrl;
  return image;
}

export class PinnedShelf {
  private readonly shelves = new Map<string, Shelf>();

  /** Deals of products not shown (yet): a deal event can come before its product's pin. */
  private readonly waitingDeals = new Map<string, Deal>();

  constructor(
    private readonly list: HTMLElement,
    private readonly onBuy: (product: Product, deal: Deal | null) => Promise<BuyOutcome>,
  ) {
    // The countdowns move each second; the deals' state moves with the events.
    setInterval(() => {
      for (const shelf of this.shelves.values()) if (shelf.deal) this.renderStock(shelf);
    }, 1000);
  }

  /** The products pinned now and their deals (the room's snapshot): replaces what was shown. */
  show(products: readonly Product[], deals: readonly Deal[] = []): void {
    this.shelves.clear();
    this.waitingDeals.clear();
    this.list.replaceChildren();
    for (const deal of deals) this.waitingDeals.set(deal.product.id, deal);
    for (const product of products) this.pin(product);
    this.renderEmpty();
  }

  /** A deal event: the deal as it is now (an ENDED one leaves the row). */
  setDeal(deal: Deal): void {
    const shelf = this.shelves.get(deal.product.id);
    if (!shelf) {
      if (deal.status === 'ENDED') this.waitingDeals.delete(deal.product.id);
      else this.waitingDeals.set(deal.product.id, deal);
      return;
    }
    // Events can be replayed after a reconnect: an older deal's news never replaces a newer deal.
    if (shelf.deal && shelf.deal.id !== deal.id && deal.status === 'ENDED') return;
    shelf.deal = deal.status === 'ENDED' ? null : deal;
    this.renderStock(shelf);
  }

  pin(product: Product): void {
    const existing = this.shelves.get(product.id);
    if (existing) return this.update(product);
    const row = document.createElement('li');
    row.dataset.productId = product.id;
    const info = document.createElement('div');
    info.className = 'product';
    const title = document.createElement('span');
    title.className = 'title';
    title.textContent = product.title;
    const price = document.createElement('span');
    price.className = 'price';
    price.textContent = product.price.formatted;
    const stock = document.createElement('span');
    stock.className = 'stock';
    info.append(title, ' · ', price, ' · ', stock);
    const buy = document.createElement('button');
    buy.type = 'button';
    buy.className = 'buy';
    const outcome = document.createElement('p');
    outcome.className = 'outcome';
    outcome.setAttribute('role', 'status');
    const dealLine = document.createElement('p');
    dealLine.className = 'deal';
    dealLine.hidden = true;
    row.append(thumbnail(product), info, buy, dealLine, outcome);
    const deal = this.waitingDeals.get(product.id) ?? null;
    this.waitingDeals.delete(product.id);
    const shelf: Shelf = { product, row, stock, buy, outcome, busy: false, deal, dealLine };
    buy.addEventListener('click', () => void this.buy(shelf));
    this.shelves.set(product.id, shelf);
    this.list.append(row);
    this.renderStock(shelf);
    this.renderEmpty();
  }

  unpin(productId: string): void {
    this.shelves.get(productId)?.row.remove();
    this.shelves.delete(productId);
    this.renderEmpty();
  }

  /** A purchase (anyone's) moved the stock: the row shows what is left. */
  update(product: Product): void {
    const shelf = this.shelves.get(product.id);
    if (!shelf) return;
    shelf.product = product;
    this.renderStock(shelf);
  }

  private async buy(shelf: Shelf): Promise<void> {
    if (shelf.busy) return;
    shelf.busy = true;
    this.renderStock(shelf);
    shelf.outcome.textContent = 'Buying…';
    delete shelf.outcome.dataset.kind;
    try {
      const deal = shelf.deal && dealSelling(shelf.deal, Date.now()) ? shelf.deal : null;
      const outcome = await this.onBuy(shelf.product, deal);
      shelf.outcome.textContent = outcome.text;
      shelf.outcome.dataset.kind = outcome.ok ? 'ok' : 'error';
      if (outcome.left !== undefined) shelf.product = { ...shelf.product, inventory: outcome.left };
    } finally {
      shelf.busy = false;
      this.renderStock(shelf);
    }
  }

  private renderStock(shelf: Shelf): void {
    const left = shelf.product.inventory;
    const now = Date.now();
    const { deal } = shelf;
    const selling = deal !== null && dealSelling(deal, now);
    shelf.stock.textContent = left > 0 ? `${left.toLocaleString()} left` : 'Sold out';
    shelf.dealLine.hidden = deal === null;
    shelf.row.classList.toggle('on-deal', selling);
    if (deal) {
      const when = now < Date.parse(deal.startsAt) ? `starts in ${countdown(deal.startsAt, now)}` : now < Date.parse(deal.endsAt) ? `ends in ${countdown(deal.endsAt, now)}` : 'ending';
      shelf.dealLine.textContent = `Flash deal ${deal.dealPrice.formatted} · ${when} · ${deal.unitsLeft.toLocaleString()} at this price · ${deal.perBuyerLimit} a buyer`;
    }
    shelf.buy.textContent = shelf.busy ? 'Buying…' : selling ? `Buy at ${deal.dealPrice.formatted}` : 'Buy';
    shelf.buy.disabled = shelf.busy || (!selling && left === 0);
    shelf.buy.setAttribute('aria-label', `Buy ${shelf.product.title} for ${selling ? deal.dealPrice.formatted : shelf.product.price.formatted}`);
  }

  private renderEmpty(): void {
    this.list.querySelector(':scope > .empty')?.remove();
    if (this.shelves.size > 0) return;
    const empty = document.createElement('li');
    empty.className = 'empty';
    empty.textContent = 'Nothing pinned';
    this.list.append(empty);
  }
}
