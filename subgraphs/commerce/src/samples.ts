/**
 * The rules of campaign samples, in one place.
 *
 * - A creator ACCEPTED in an OPEN campaign requests a free sample of one of its products, once per
 *   product (SAMPLE_ALREADY_REQUESTED after; asking again while it waits answers the request). A
 *   creator whose fulfilment rate is below the campaign's `minFulfilmentRate` is refused
 *   (FULFILMENT_RATE_TOO_LOW); a creator with no settled sample yet has no rate and is not.
 * - The brand approves or declines within SAMPLE_DECISION_DAYS (7): `decide_by` is set on the
 *   request. Past it the request is LAPSED, a state worked out when read (status REQUESTED,
 *   `decide_by` passed), never written: nothing else depends on the moment, so no worker has to
 *   mark it, and the brand's answer is refused by the same time test inside its guarded UPDATE.
 * - The brand ships it (carrier, tracking number). Samples come from the brand's own sample
 *   stock, not the shop's inventory: a sample moves no stock and no money, so its moves need no
 *   idempotency key; each is a guarded UPDATE from the status expected, and doing again what is
 *   done answers the sample as it stands.
 * - Delivery is marked by the creator (confirming receipt) or by the brand (with the carrier's
 *   proof of delivery), whichever comes first. The creator's word is the truth of when they can
 *   start filming; the brand's lets a sample the creator never confirms start its window anyway.
 *   The content window, SAMPLE_CONTENT_DAYS (14) from delivery, is stored on the sample.
 * - Content fulfils it: a video of the creator's tagging the product (content's tags, asked of
 *   content; or the seed's, which commerce keeps), or a LIVE stream of the creator's with the
 *   product pinned now. Before `content_due_at` only (the guarded UPDATE tests the time itself,
 *   so a late clock never lets late content count). Fulfilling counts one `fulfilled` on the
 *   creator's kept record, makes the campaign's fixed fee payable to the creator (once per
 *   campaign: a fee row, which payouts take beside commission lines, payouts.ts), and tells the
 *   brand (CAMPAIGN_CONTENT_DELIVERED), in one transaction.
 * - The samples' clock marks a DELIVERED sample whose window ended MISSED (one `missed` on the
 *   record), each in its own guarded transaction; it polls an index range (`campaign_samples_due`).
 *   The count has to move at the moment the window ends, which a read cannot do, hence a worker.
 * - A creator's fulfilment rate is fulfilled / (fulfilled + missed), from the kept record (one row,
 *   whatever their history); brands (campaigns:read/write) and the creator see it.
 * - A sample is seen by its creator and by the campaign's brand; NOT_FOUND for anyone else.
 */
import { requirePartnerOf, signedInUserId } from '@app/kit/access';
import { badInput, forbidden, notFound, refuse } from '@app/kit/errors';
import { known, settle } from '@app/kit/facts';
import { newId } from '@app/kit/ids';
import type { Clock } from '@app/kit/clock';
import type { Logger } from '@app/kit/log';
import { connectionOf, type PageArgs } from '@app/kit/pagination';
import { poller, type Poller } from '@app/kit/poller';
import { campaignById } from './campaigns.ts';
import type { Context } from './context.ts';
import type { CommerceStore, CommerceTx } from './db/store.ts';
import type { CampaignRow, CampaignSampleRow } from './db/tables.ts';
import { fetchLiveStream, fetchVideo } from './facts.ts';
import { newestFirstPaging } from './pages.ts';
import { ForbiddenReason, Refusal } from './refusals.ts';
import { SAMPLE_CARRIER_MAX, SAMPLE_TRACKING_MAX, type SampleDeliverer, type SampleStatus } from './vocabulary.ts';
import { tellCampaignContentDelivered } from './webhookEvents.ts';

const DAY_MS = 86_400_000;
const BPS = 10_000;

/** A sample's status as the API shows it: LAPSED is a REQUESTED one whose brand's window ended. */
export function sampleStatus(sample: CampaignSampleRow, now: Date): SampleStatus | 'LAPSED' {
  return sample.status === 'REQUESTED' && sample.decideBy.getTime() <= now.getTime() ? 'LAPSED' : sample.status;
}

/** A creator's fulfilment rate from their kept record; null before any sample settled. */
export function fulfilmentRate(record: { fulfilled: number; missed: number } | undefined): number | null {
  if (!record || record.fulfilled + record.missed === 0) return null;
  return record.fulfilled / (record.fulfilled + record.missed);
}

async function memberCampaign(tx: CommerceTx, campaignId: string, creatorId: string): Promise<CampaignRow> {
  const [campaign] = await tx.campaignsByIds([campaignId]);
  if (!campaign) throw notFound('Campaign', campaignId);
  const [member] = await tx.campaignMembersOf(campaignId, [creatorId]);
  if (member?.status !== 'ACCEPTED') throw refuse(Refusal.NOT_A_CAMPAIGN_MEMBER, 'Samples are for creators accepted in the campaign.', { campaignId, status: member?.status ?? null });
  return campaign;
}

/**
 * The signed-in creator asks for a sample of a campaign product.
 * @throws NOT_FOUND, NOT_A_CAMPAIGN_MEMBER, CAMPAIGN_CLOSED, PRODUCT_NOT_IN_CAMPAIGN, FULFILMENT_RATE_TOO_LOW, SAMPLE_ALREADY_REQUESTED.
 */
export async function requestSample(context: Context, campaignId: string, productId: string): Promise<CampaignSampleRow> {
  const creatorId = signedInUserId(context.viewer);
  const now = context.clock.now();
  return context.store.transaction(async (tx) => {
    const campaign = await memberCampaign(tx, campaignId, creatorId);
    if (campaign.status !== 'OPEN') throw refuse(Refusal.CAMPAIGN_CLOSED, 'This campaign is closed.', { campaignId });
    const products = await tx.campaignProductLists([campaignId]);
    if (!products.some((row) => row.node.id === productId)) throw refuse(Refusal.PRODUCT_NOT_IN_CAMPAIGN, "This product is not one of the campaign's.", { productId });
    const existing = await tx.sampleOf(campaignId, creatorId, productId);
    if (existing) {
      if (sampleStatus(existing, now) === 'REQUESTED') return existing;
      throw refuse(Refusal.SAMPLE_ALREADY_REQUESTED, 'You asked for a sample of this product in this campaign before.', { sampleId: existing.id, status: sampleStatus(existing, now) });
    }
    if (campaign.minFulfilmentBps !== null) {
      const rate = fulfilmentRate((await tx.fulfilmentOf([creatorId]))[0]);
      if (rate !== null && rate * BPS < campaign.minFulfilmentBps) {
        throw refuse(Refusal.FULFILMENT_RATE_TOO_LOW, "Your sample fulfilment rate is below this campaign's threshold.", { rate, minimum: campaign.minFulfilmentBps / BPS });
      }
    }
    const row = {
      id: newId('smp'),
      campaignId,
      brandId: campaign.brandId,
      creatorId,
      productId,
      status: 'REQUESTED' as const,
      requestedAt: now,
      decideBy: new Date(now.getTime() + context.settings.samples.decisionDays * DAY_MS),
    };
    await tx.insertSample(row);
    return (await tx.samplesByIds([row.id]))[0]!;
  });
}

/** The calling brand's sample (its campaign's), read in the transaction; anyone else's is NOT_FOUND. */
async function brandSample(tx: CommerceTx, context: Context, sampleId: string): Promise<CampaignSampleRow> {
  const [sample] = await tx.samplesByIds([sampleId]);
  if (!sample || sample.brandId !== context.viewer.partnerId) throw notFound('CampaignSample', sampleId);
  return sample;
}

async function creatorSample(tx: CommerceTx, context: Context, sampleId: string): Promise<CampaignSampleRow> {
  const creatorId = signedInUserId(context.viewer);
  const [sample] = await tx.samplesByIds([sampleId]);
  if (!sample || sample.creatorId !== creatorId) throw notFound('CampaignSample', sampleId);
  return sample;
}

/** The brand approves or declines a request within its window. */
export async function decideSample(context: Context, sampleId: string, to: 'APPROVED' | 'DECLINED'): Promise<CampaignSampleRow> {
  const now = context.clock.now();
  return context.store.transaction(async (tx) => {
    const sample = await brandSample(tx, context, sampleId);
    const moved = await tx.decideSample(sample.id, to, now);
    if (moved) return moved;
    if (sample.status === to) return sample;
    if (sampleStatus(sample, now) === 'LAPSED') throw refuse(Refusal.SAMPLE_LAPSED, 'This request lapsed: its window to answer ended.', { decideBy: sample.decideBy.toISOString() });
    throw refuse(Refusal.SAMPLE_ALREADY_DECIDED, 'This request was answered before.', { status: sample.status });
  });
}

export interface ShipSampleInput {
  sampleId: string;
  carrier: string;
  trackingNumber: string;
}

/** The brand ships an approved sample. */
export async function shipSample(context: Context, input: ShipSampleInput): Promise<CampaignSampleRow> {
  const carrier = input.carrier.trim();
  const trackingNumber = input.trackingNumber.trim();
  if (!carrier || carrier.length > SAMPLE_CARRIER_MAX) throw badInput(`carrier is 1 to ${SAMPLE_CARRIER_MAX} characters.`, { field: 'carrier' });
  if (!trackingNumber || trackingNumber.length > SAMPLE_TRACKING_MAX) throw badInput(`trackingNumber is 1 to ${SAMPLE_TRACKING_MAX} characters.`, { field: 'trackingNumber' });
  const now = context.clock.now();
  return context.store.transaction(async (tx) => {
    const sample = await brandSample(tx, context, input.sampleId);
    const moved = await tx.shipSample(sample.id, { carrier, trackingNumber }, now);
    if (moved) return moved;
    if (sample.status === 'SHIPPED' && sample.carrier === carrier && sample.trackingNumber === trackingNumber) return sample;
    throw refuse(Refusal.SAMPLE_NOT_APPROVED, 'Only an approved sample not yet shipped can be shipped.', { status: sampleStatus(sample, now) });
  });
}

/** The creator confirms, or the brand marks, a shipped sample delivered: its content window starts. */
export async function markSampleDelivered(context: Context, sampleId: string, by: SampleDeliverer): Promise<CampaignSampleRow> {
  const now = context.clock.now();
  const contentDueAt = new Date(now.getTime() + context.settings.samples.contentDays * DAY_MS);
  return context.store.transaction(async (tx) => {
    const sample = by === 'BRAND' ? await brandSample(tx, context, sampleId) : await creatorSample(tx, context, sampleId);
    const moved = await tx.deliverSample(sample.id, by, now, contentDueAt);
    if (moved) return moved;
    if (sample.deliveredAt) return sample;
    throw refuse(Refusal.SAMPLE_NOT_SHIPPED, 'Only a shipped sample can be delivered.', { status: sampleStatus(sample, now) });
  });
}

export interface FulfilSampleInput {
  sampleId: string;
  videoId?: string | null;
  liveStreamId?: string | null;
}

/** What content says about the creator's video or stream: whose it is, and the products it tags (a stream's pins are commerce's, read in the write). */
type ContentFacts = { kind: 'VIDEO'; id: string; creatorId: string; tagged: string[] } | { kind: 'LIVE'; id: string; creatorId: string };

async function contentFacts(context: Context, input: FulfilSampleInput): Promise<ContentFacts> {
  if (input.videoId) {
    const video = await fetchVideo(context, input.videoId);
    return { kind: 'VIDEO', id: video.id, creatorId: video.creator!.id, tagged: (video.taggedProducts ?? []).map((product) => product.id) };
  }
  const stream = await fetchLiveStream(context, input.liveStreamId!);
  return { kind: 'LIVE', id: stream.id, creatorId: stream.creator.id };
}

/**
 * The signed-in creator's content fulfils a delivered sample: a video of theirs tagging its
 * product, or a LIVE stream of theirs with it pinned. The fee, if the campaign pays one, becomes
 * payable (once per campaign).
 * @throws BAD_USER_INPUT, NOT_FOUND, CONTENT_DOES_NOT_FEATURE_PRODUCT, SAMPLE_NOT_DELIVERED, SAMPLE_CONTENT_OVERDUE.
 */
export async function fulfilSample(context: Context, input: FulfilSampleInput): Promise<CampaignSampleRow> {
  if (Boolean(input.videoId) === Boolean(input.liveStreamId)) throw badInput('Give the video or the live stream that features the product: one of videoId and liveStreamId.', { field: 'videoId' });
  const creatorId = signedInUserId(context.viewer);
  // Content's facts are asked before the transaction, as every write here does.
  const facts = await settle(contentFacts(context, input));
  const now = context.clock.now();
  return context.store.transaction(async (tx) => {
    const sample = await creatorSample(tx, context, input.sampleId);
    if (sample.status === 'FULFILLED') return sample;
    const content = known(facts);
    const features =
      content.creatorId === creatorId &&
      (content.kind === 'VIDEO'
        ? content.tagged.includes(sample.productId) || (await tx.videoProductLists([content.id])).some((tag) => tag.node.id === sample.productId)
        : (await tx.listedProducts('pins', content.id)).some((pin) => pin.productId === sample.productId));
    if (!features) throw refuse(Refusal.CONTENT_DOES_NOT_FEATURE_PRODUCT, content.kind === 'VIDEO' ? "The video must be yours and tag the sample's product." : "The live stream must be yours and have the sample's product pinned.", { productId: sample.productId });
    const moved = await tx.fulfilSample(sample.id, { kind: content.kind, id: content.id }, now);
    if (!moved) {
      if (sample.status === 'MISSED' || (sample.status === 'DELIVERED' && sample.contentDueAt && sample.contentDueAt <= now)) {
        throw refuse(Refusal.SAMPLE_CONTENT_OVERDUE, "The sample's content window ended.", { contentDueAt: sample.contentDueAt?.toISOString() ?? null });
      }
      throw refuse(Refusal.SAMPLE_NOT_DELIVERED, 'Content fulfils a delivered sample.', { status: sampleStatus(sample, now) });
    }
    await tx.countFulfilment(creatorId, 'fulfilled');
    const [campaign] = await tx.campaignsByIds([sample.campaignId]);
    const feeMade = campaign!.feeAmount > 0 && (await tx.insertCampaignFee({ id: newId('fee'), campaignId: campaign!.id, creatorId, amount: campaign!.feeAmount, currency: campaign!.currency, payableAt: now }));
    await tellCampaignContentDelivered(tx, campaign!, moved, feeMade ? campaign!.feeAmount : 0, campaign!.currency, now);
    return moved;
  });
}

// ---- The samples' clock.

const CLOCK_BATCH = 50;

/** Marks every delivered sample whose content window ended by `now` MISSED, each in its own guarded transaction. */
export async function turnSampleClock(store: CommerceStore, now: Date): Promise<number> {
  let missed = 0;
  for (const due of await store.dueSamples(now, CLOCK_BATCH)) {
    await store.transaction(async (tx) => {
      const moved = await tx.missSample(due.id, now);
      if (!moved) return;
      await tx.countFulfilment(moved.creatorId, 'missed');
      missed += 1;
    });
  }
  return missed;
}

/** Turns the samples' clock in the commerce process, until stopped. */
export function sampleClock(store: CommerceStore, clock: Clock, logger: Logger, pollMs: number): Poller {
  return poller(() => turnSampleClock(store, clock.now()), { pollMs, logger, failure: 'samples clock turn failed; trying again' });
}

// ---- Reads.

export const SAMPLE_PAGING = newestFirstPaging((row: CampaignSampleRow) => row.requestedAt);

/** A sample for its creator or its campaign's brand; null to anyone else. */
export async function visibleSample(context: Context, id: string): Promise<CampaignSampleRow | null> {
  const [sample] = await context.store.samplesByIds([id]);
  if (!sample) return null;
  const { userId, partnerId } = context.viewer;
  return (userId && userId === sample.creatorId) || (partnerId && partnerId === sample.brandId) ? sample : null;
}

/** The signed-in creator's samples, newest request first. */
export function mySamples(context: Context, args: PageArgs) {
  const creatorId = signedInUserId(context.viewer);
  return connectionOf(args, SAMPLE_PAGING, (page) => context.store.creatorSamplesPage(creatorId, page));
}

/** A campaign's samples, newest request first: its brand's keys only. */
export function campaignSamples(context: Context, campaign: CampaignRow, args: PageArgs) {
  requirePartnerOf(context.viewer, campaign.brandId);
  return connectionOf(args, SAMPLE_PAGING, (page) => context.store.campaignSamplesPage(campaign.id, page));
}

const FULFILMENT_SCOPES = ['campaigns:read', 'campaigns:write'];

/** A creator's sample record and rate: for brands' keys with a campaigns scope, and the creator. */
export async function creatorFulfilment(context: Context, creatorId: string) {
  const { userId, partnerId, scopes } = context.viewer;
  const allowed = userId === creatorId || (partnerId && scopes.some((scope) => FULFILMENT_SCOPES.includes(scope)));
  if (!allowed) throw forbidden("A creator's sample record is for brands running campaigns (campaigns:read) and the creator.", { reason: ForbiddenReason.NOT_THE_CREATOR });
  const record = await context.loaders.creatorFulfilment.load(creatorId);
  return { fulfilled: record?.fulfilled ?? 0, missed: record?.missed ?? 0, rate: fulfilmentRate(record) };
}

/** The sample's campaign, as the viewer may see it. */
export function sampleCampaign(context: Context, sample: CampaignSampleRow) {
  return campaignById(context, sample.campaignId);
}
