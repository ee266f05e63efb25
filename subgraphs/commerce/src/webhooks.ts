/**
 * A brand's webhook endpoints, in one place (what writes send is webhookEvents.ts; the delivery
 * mechanism is the kit's `webhooks/`).
 *
 * - A partner key with `webhooks:write` registers, changes, disables and enables its brand's
 *   endpoints, lists them and their deliveries, and replays a delivery. Another brand's endpoint
 *   or delivery is NOT_FOUND, as if it did not exist.
 * - The signing secret is answered when it is made (registering, rotating) and never again. A
 *   rotation keeps the old secret signing beside the new one for the settings' grace period.
 * - A URL is checked against the destination policy (settings.ts: https on a public address in
 *   production) when it is given, and the sender checks each address it connects to again.
 * - At most MAX_WEBHOOK_ENDPOINTS per brand, counted in the registering transaction.
 * - The worker (`webhookWorker`) runs in the commerce process: it claims due deliveries from the
 *   store's queues, signs and sends them, and records each outcome.
 */
import { requirePartnerOf } from '@app/kit/access';
import { badInput, notFound, refuse } from '@app/kit/errors';
import { idempotent } from '@app/kit/idempotency';
import { newId } from '@app/kit/ids';
import { connectionOf, type ListPaging, type PageArgs } from '@app/kit/pagination';
import type { Clock } from '@app/kit/clock';
import type { Logger } from '@app/kit/log';
import { webhookQueueOf } from '@app/kit/db/webhook-statements';
import { checkDestinationUrl } from '@app/kit/webhooks/destination';
import { createDispatcher, type Dispatcher } from '@app/kit/webhooks/dispatcher';
import { createSender } from '@app/kit/webhooks/send';
import { newEndpointSecret } from '@app/kit/webhooks/signing';
import type { Context } from './context.ts';
import type { CommerceStore, CommerceTx } from './db/store.ts';
import type { WebhookDeliveryRow, WebhookEndpointRow } from './mappers.ts';
import { partnerBrandId } from './orders.ts';
import { Refusal } from './refusals.ts';
import type { WebhookSettings } from './settings.ts';
import { MAX_WEBHOOK_ENDPOINTS, WEBHOOK_DESCRIPTION_MAX, WEBHOOK_TOPICS, type WebhookTopic } from './vocabulary.ts';

/** What registering and rotating answer: the only time the secret is shown. */
export interface EndpointWithSecret {
  endpoint: WebhookEndpointRow;
  secret: string;
}

export interface RegisterEndpointInput {
  url: string;
  topics: readonly WebhookTopic[];
  description?: string | null;
  idempotencyKey?: string | null;
}

export interface UpdateEndpointInput {
  endpointId: string;
  url?: string | null;
  description?: string | null;
  topics?: readonly WebhookTopic[] | null;
}

/** How an endpoint's deliveries page, either way: by `seq`, newest first (the queue's own index). */
export const DELIVERY_PAGING: ListPaging<WebhookDeliveryRow> = { arity: 1, keyOf: (row) => [row.seq] };

const DISABLED_BY_BRAND = 'Disabled by the brand.';

// ---- What a partner gives, checked before anything is read: bad input changes nothing.

function destination(context: Context, raw: string): string {
  const checked = checkDestinationUrl(raw.trim(), context.settings.webhooks.destinations);
  if (!(checked instanceof URL)) throw badInput(checked.message, { field: 'url', reason: checked.reason });
  return checked.href;
}

function topicsOf(topics: readonly WebhookTopic[]): WebhookTopic[] {
  const unique = [...new Set(topics)];
  if (unique.length === 0) throw badInput('An endpoint hears at least one topic.', { field: 'topics' });
  if (unique.some((topic) => !(WEBHOOK_TOPICS as readonly string[]).includes(topic))) throw badInput(`Topics are ${WEBHOOK_TOPICS.join(', ')}.`, { field: 'topics' });
  return unique;
}

function descriptionOf(description: string): string {
  const trimmed = description.trim();
  if (trimmed.length > WEBHOOK_DESCRIPTION_MAX) throw badInput(`description is at most ${WEBHOOK_DESCRIPTION_MAX} characters.`, { field: 'description' });
  return trimmed;
}

// ---- Reads.

/** The brand's endpoint. @throws NOT_FOUND for an unknown id and another brand's alike. */
async function ownEndpoint(context: Context, brandId: string, endpointId: string): Promise<WebhookEndpointRow> {
  const endpoint = await context.store.webhookEndpoint(endpointId);
  if (!endpoint || endpoint.ownerId !== brandId) throw notFound('WebhookEndpoint', endpointId);
  return endpoint;
}

/** The brand's endpoints, oldest first. @throws FORBIDDEN to another brand's keys, as `Brand.orders` does. */
export function brandWebhookEndpoints(context: Context, brandId: string): Promise<WebhookEndpointRow[]> {
  requirePartnerOf(context.viewer, brandId);
  return context.store.webhookEndpointsOf(brandId);
}

/** One of the brand's endpoints, or null (unknown, or another brand's). */
export async function brandWebhookEndpoint(context: Context, brandId: string, endpointId: string): Promise<WebhookEndpointRow | null> {
  requirePartnerOf(context.viewer, brandId);
  const endpoint = await context.store.webhookEndpoint(endpointId);
  return endpoint?.ownerId === brandId ? endpoint : null;
}

export async function endpointTopics(context: Context, endpoint: WebhookEndpointRow): Promise<WebhookTopic[]> {
  return (await context.loaders.webhookTopics.load(endpoint.id)) as WebhookTopic[];
}

/** An endpoint's deliveries, newest first. The endpoint was reached through its brand, so it is the caller's. */
export function endpointDeliveries(context: Context, endpoint: WebhookEndpointRow, args: PageArgs) {
  return connectionOf(args, DELIVERY_PAGING, (page) => context.store.webhookDeliveriesPage(endpoint.id, page));
}

/** Until when the secret before the last rotation still signs; null when it no longer does. */
export function previousSecretExpiresAt(context: Context, endpoint: WebhookEndpointRow): Date | null {
  return endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > context.clock.now() ? endpoint.previousSecretUntil : null;
}

// ---- Writes.

export async function registerWebhookEndpoint(context: Context, input: RegisterEndpointInput): Promise<EndpointWithSecret> {
  const brandId = partnerBrandId(context.viewer);
  const url = destination(context, input.url);
  const topics = topicsOf(input.topics);
  const description = descriptionOf(input.description ?? '');
  const register = async (tx: CommerceTx) => {
    if ((await tx.webhookEndpointsOf(brandId)).length >= MAX_WEBHOOK_ENDPOINTS) {
      throw refuse(Refusal.WEBHOOK_ENDPOINT_LIMIT_REACHED, `A brand has at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints; remove or reuse one.`, { max: MAX_WEBHOOK_ENDPOINTS });
    }
    const registered = { endpointId: newId('whe'), secret: newEndpointSecret() };
    await tx.createWebhookEndpoint({ id: registered.endpointId, ownerId: brandId, url, description, secret: registered.secret, topics, createdAt: context.clock.now() });
    return registered;
  };
  // With a key, a retry (an answer lost on the way) gets the endpoint and secret it made, not a second endpoint.
  const { endpointId, secret } = input.idempotencyKey
    ? (await idempotent(context.store, { scope: brandId, key: input.idempotencyKey, operation: 'registerWebhookEndpoint', input: { url, topics, description } }, register)).result
    : await context.store.transaction(register);
  return { endpoint: await ownEndpoint(context, brandId, endpointId), secret };
}

export async function rotateWebhookEndpointSecret(context: Context, endpointId: string): Promise<EndpointWithSecret> {
  const brandId = partnerBrandId(context.viewer);
  const secret = newEndpointSecret();
  await context.store.transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint(endpointId);
    if (!endpoint || endpoint.ownerId !== brandId) throw notFound('WebhookEndpoint', endpointId);
    const graceEnds = new Date(context.clock.now().getTime() + context.settings.webhooks.secretGraceMs);
    await tx.updateWebhookEndpoint(endpointId, { secret, previousSecret: endpoint.secret, previousSecretUntil: graceEnds });
  });
  return { endpoint: await ownEndpoint(context, brandId, endpointId), secret };
}

export async function updateWebhookEndpoint(context: Context, input: UpdateEndpointInput): Promise<WebhookEndpointRow> {
  const brandId = partnerBrandId(context.viewer);
  const patch = {
    ...(input.url != null ? { url: destination(context, input.url) } : {}),
    ...(input.description != null ? { description: descriptionOf(input.description) } : {}),
  };
  const topics = input.topics != null ? topicsOf(input.topics) : null;
  if (Object.keys(patch).length === 0 && topics === null) throw badInput('Give at least one of url, description or topics to change.');
  await context.store.transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint(input.endpointId);
    if (!endpoint || endpoint.ownerId !== brandId) throw notFound('WebhookEndpoint', input.endpointId);
    if (Object.keys(patch).length > 0) await tx.updateWebhookEndpoint(endpoint.id, patch);
    if (topics) await tx.setWebhookEndpointTopics(endpoint.id, brandId, topics);
  });
  return ownEndpoint(context, brandId, input.endpointId);
}

export async function setWebhookEndpointEnabled(context: Context, endpointId: string, enabled: boolean): Promise<WebhookEndpointRow> {
  const brandId = partnerBrandId(context.viewer);
  await context.store.transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint(endpointId);
    if (!endpoint || endpoint.ownerId !== brandId) throw notFound('WebhookEndpoint', endpointId);
    if (endpoint.enabled === enabled) return;
    if (enabled) await tx.enableWebhookEndpoint(endpoint.id, context.clock.now());
    else await tx.disableWebhookEndpoint(endpoint.id, DISABLED_BY_BRAND, context.clock.now());
  });
  return ownEndpoint(context, brandId, endpointId);
}

/** Removes one of the brand's endpoints with its queue; answers its id. */
export async function deleteWebhookEndpoint(context: Context, endpointId: string): Promise<string> {
  const brandId = partnerBrandId(context.viewer);
  await context.store.transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint(endpointId);
    if (!endpoint || endpoint.ownerId !== brandId) throw notFound('WebhookEndpoint', endpointId);
    await tx.deleteWebhookEndpoint(endpoint.id);
  });
  return endpointId;
}

export async function replayWebhookDelivery(context: Context, deliveryId: string): Promise<WebhookDeliveryRow> {
  const brandId = partnerBrandId(context.viewer);
  const replayed = await context.store.transaction(async (tx) => {
    const delivery = await tx.webhookDelivery(deliveryId);
    const endpoint = delivery && (await tx.webhookEndpoint(delivery.endpointId));
    if (!delivery || !endpoint || endpoint.ownerId !== brandId) throw notFound('WebhookDelivery', deliveryId);
    return tx.replayWebhookDelivery(delivery.id, context.clock.now(), () => newId('whd'));
  });
  if (!replayed) throw notFound('WebhookDelivery', deliveryId);
  return replayed;
}

// ---- The worker.

/** The delivery worker over commerce's store, with the settings' schedule and destination policy. Not started. */
export function webhookWorker(store: CommerceStore, settings: WebhookSettings, clock: Clock, logger: Logger): Dispatcher {
  return createDispatcher({
    queue: webhookQueueOf(store),
    sender: createSender({ policy: settings.destinations, timeoutMs: settings.schedule.attemptTimeoutMs }),
    schedule: settings.schedule,
    clock,
    logger,
    pollMs: settings.pollMs,
    retention: settings.retention,
  });
}
