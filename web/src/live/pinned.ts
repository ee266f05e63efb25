/**
 * The stream's pinned products, each with its image, price, stock and a Buy button. Rows are
 * kept by product id and updated in place, so a purchase event that moves the stock does not
 * wipe the outcome of the viewer's own Buy beside it.
 */
import type { LiveRoomQuery } from './__generated__/graphql.ts';

export type Product = NonNullable<NonNullable<LiveRoomQuery['liveStream']>['pinnedProducts']>[number];

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

  constructor(
    private readonly list: HTMLElement,
    private readonly onBuy: (product: Product) => Promise<BuyOutcome>,
  ) {}

  /** The products pinned now (the room's snapshot): replaces what was shown. */
  show(products: readonly Product[]): void {
    this.shelves.clear();
    this.list.replaceChildren();
    for (const product of products) this.pin(product);
    this.renderEmpty();
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
    row.append(thumbnail(product), info, buy, outcome);
    const shelf: Shelf = { product, row, stock, buy, outcome, busy: false };
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
      const outcome = await this.onBuy(shelf.product);
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
    shelf.stock.textContent = left > 0 ? `${left.toLocaleString()} left` : 'Sold out';
    shelf.buy.textContent = shelf.busy ? 'Buying…' : 'Buy';
    shelf.buy.disabled = shelf.busy || left === 0;
    shelf.buy.setAttribute('aria-label', `Buy ${shelf.product.title} for ${shelf.product.price.formatted}`);
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
