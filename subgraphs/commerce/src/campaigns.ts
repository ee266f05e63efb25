/**
 * The rules of campaigns between brands and creators, in one place.
 *
 * - A brand (partner key with `campaigns:write`) creates a campaign: a name and brief, 1 to 20 of
 *   its own products on sale (one currency), the commission rate it offers (above every product's
 *   own open rate: CAMPAIGN_RATE_TOO_LOW otherwise, since a campaign that pays no more than any
 *   affiliate link earns offers nothing), an optional fixed fee per creator, a content deadline in
 *   the future, how many creators it takes (1 to 1,000) and optionally the sample fulfilment rate a
 *   creator needs to request its samples. Idempotent on its key. The brand closes it (CLOSED: it
 *   takes nobody more, and its rate stops applying to new sales); closing a closed one changes
 *   nothing.
 * - Membership, one row per (campaign, creator), each move a guarded UPDATE from the status the
 *   rule expects:
 *     brand invites (INVITED) → creator accepts (ACCEPTED) or declines (DECLINED);
 *     creator applies (APPLIED) → brand approves (ACCEPTED) or rejects (REJECTED).
 *   Doing again what is done answers the membership as it stands (a retry is safe without a key:
 *   no move happens twice, no seat is taken twice). A move from elsewhere is refused with the code
 *   that says where the creator stands: NOT_INVITED, NOT_APPLIED, ALREADY_INVITED (apply to a
 *   campaign that invited you: accept instead), CAMPAIGN_MEMBERSHIP_ENDED (apply after a decline
 *   or rejection). Only OPEN campaigns take invitations, applications and acceptances
 *   (CAMPAIGN_CLOSED).
 * - Capacity: acceptance takes a seat in the same transaction as the membership moves, by a
 *   guarded UPDATE (`accepted_count < capacity`, while OPEN); no seat means CAMPAIGN_FULL and the
 *   move rolls back. So racing accepts and approvals never seat more than the capacity, on either
 *   engine (SQLite's write lock serializes them; Postgres's serializable transaction retries the
 *   loser, which then finds the campaign full). An application to a full campaign is refused too.
 * - Who is a creator is users' fact, asked before the write (inviting a non-creator is NOT_FOUND,
 *   applying as one FORBIDDEN NOT_A_CREATOR).
 * - The brand hears CAMPAIGN_APPLIED and CAMPAIGN_ACCEPTED on its webhook endpoints, enqueued in
 *   the move's own transaction (webhookEvents.ts).
 * - Who sees a campaign: its brand's keys; signed-in users while it is OPEN (that is how creators
 *   find it), and its members always. Anyone else gets NOT_FOUND, as for an unknown id.
 * - The campaign's rate on sales is the sale-rate rule's (commission.ts, `saleRate` in SQL).
 */
import { requirePartnerOf, signedInUserId } from '@app/kit/access';
import { badInput, forbidden, notFound, refuse } from '@app/kit/errors';
import { idempotent } from '@app/kit/idempotency';
import { newId } from '@app/kit/ids';
import { connectionOf, type ListPaging, type PageArgs } from '@app/kit/pagination';
import { rateToBps } from './commission.ts';
import type { Context } from './context.ts';
import type { CommerceTx } from './db/store.ts';
import type { CampaignMemberRow, CampaignRow, NewCampaign } from './db/tables.ts';
import { signedInCreatorId } from './facts.ts';
import { newestFirstPaging } from './pages.ts';
import { ForbiddenReason, Refusal } from './refusals.ts';
import {
  CAMPAIGN_BRIEF_MAX,
  CAMPAIGN_INVITES_PER_CALL,
  CAMPAIGN_MAX_CAPACITY,
  CAMPAIGN_MAX_FEE,
  CAMPAIGN_MAX_PRODUCTS,
  CAMPAIGN_MESSAGE_MAX,
  CAMPAIGN_NAME_MAX,
  type CampaignMemberStatus,
} from './vocabulary.ts';
import { tellCampaignAccepted, tellCampaignApplied } from './webhookEvents.ts';

export interface CreateCampaignInput {
  name: string;
  brief: string;
  productIds: readonly string[];
  commissionRate: number;
  fixedFee?: number | null;
  contentDeadline: Date;
  capacity: number;
  minFulfilmentRate?: number | null;
  idempotencyKey: string;
}

/** The brand the calling partner key acts for. */
function callingBrand(context: Context): string {
  const brandId = context.viewer.partnerId;
  if (!brandId) throw forbidden("Campaigns are run with a brand's partner key.", { reason: ForbiddenReason.PARTNER_REQUIRED });
  return brandId;
}

function text(value: string, field: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length < 1 || trimmed.length > max) throw badInput(`${field} must be 1 to ${max} characters.`, { field });
  return trimmed;
}

/** The input's shape, checked before anything is read. */
function validateCampaign(input: CreateCampaignInput, now: Date) {
  const name = text(input.name, 'name', CAMPAIGN_NAME_MAX);
  const brief = text(input.brief, 'brief', CAMPAIGN_BRIEF_MAX);
  const productIds = [...new Set(input.productIds)];
  if (productIds.length < 1 || productIds.length > CAMPAIGN_MAX_PRODUCTS || productIds.length !== input.productIds.length) {
    throw badInput(`A campaign has 1 to ${CAMPAIGN_MAX_PRODUCTS} products, each once.`, { field: 'productIds' });
  }
  const commissionBps = rateToBps(input.commissionRate, 'commissionRate');
  const feeAmount = input.fixedFee ?? 0;
  if (!Number.isInteger(feeAmount) || feeAmount < 0 || feeAmount > CAMPAIGN_MAX_FEE) throw badInput(`fixedFee is a whole number of minor units, 0 to ${CAMPAIGN_MAX_FEE}.`, { field: 'fixedFee' });
  if (!(input.contentDeadline.getTime() > now.getTime())) throw badInput('contentDeadline must be in the future.', { field: 'contentDeadline' });
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > CAMPAIGN_MAX_CAPACITY) throw badInput(`capacity is 1 to ${CAMPAIGN_MAX_CAPACITY} creators.`, { field: 'capacity' });
  const minFulfilmentBps = input.minFulfilmentRate == null ? null : rateToBps(input.minFulfilmentRate, 'minFulfilmentRate');
  return { name, brief, productIds, commissionBps, feeAmount, contentDeadline: input.contentDeadline, capacity: input.capacity, minFulfilmentBps };
}

/**
 * Creates a campaign for the calling brand.
 * @throws BAD_USER_INPUT (`field`), NOT_FOUND (a product), PRODUCT_OF_ANOTHER_BRAND, PRODUCT_NOT_AVAILABLE,
 *   MULTIPLE_CURRENCIES, CAMPAIGN_RATE_TOO_LOW; IDEMPOTENCY_KEY_REUSED.
 */
export async function createCampaign(context: Context, input: CreateCampaignInput): Promise<CampaignRow> {
  const brandId = callingBrand(context);
  const now = context.clock.now();
  const campaign = validateCampaign(input, now);
  const request = { scope: brandId, key: input.idempotencyKey, operation: 'createCampaign', input: { ...campaign, contentDeadline: campaign.contentDeadline.toISOString() } };
  const { result } = await idempotent(context.store, request, async (tx) => {
    const found = new Map((await tx.productsByIds(campaign.productIds)).map((row) => [row.id, row]));
    const products = campaign.productIds.map((productId) => {
      const product = found.get(productId);
      if (!product) throw notFound('Product', productId);
      if (product.brandId !== brandId) throw refuse(Refusal.PRODUCT_OF_ANOTHER_BRAND, "A campaign is for the brand's own products.", { productId });
      if (product.status !== 'ACTIVE') throw refuse(Refusal.PRODUCT_NOT_AVAILABLE, `${product.title} is no longer sold.`, { productId });
      if (campaign.commissionBps <= product.commissionBps) {
        throw refuse(Refusal.CAMPAIGN_RATE_TOO_LOW, `The campaign's rate must be above ${product.title}'s open rate (${product.commissionBps / 100}%).`, { field: 'commissionRate', productId, openRate: product.commissionBps / 10_000 });
      }
      return product;
    });
    const currency = products[0]!.currency;
    if (products.some((product) => product.currency !== currency)) throw refuse(Refusal.MULTIPLE_CURRENCIES, "A campaign's products are in one currency.");
    const row = {
      id: newId('cmp'),
      brandId,
      name: campaign.name,
      brief: campaign.brief,
      commissionBps: campaign.commissionBps,
      feeAmount: campaign.feeAmount,
      currency,
      contentDeadline: campaign.contentDeadline,
      capacity: campaign.capacity,
      acceptedCount: 0,
      minFulfilmentBps: campaign.minFulfilmentBps,
      status: 'OPEN',
      createdAt: now,
    } satisfies NewCampaign;
    await tx.insertCampaign(row, campaign.productIds);
    return { campaignId: row.id };
  });
  return loadCampaign(context, result.campaignId);
}

async function loadCampaign(context: Context, id: string): Promise<CampaignRow> {
  const campaign = await context.loaders.campaignById.load(id);
  if (!campaign) throw notFound('Campaign', id);
  return campaign;
}

/** The calling brand's own campaign, read in the transaction; another brand's is NOT_FOUND, as an unknown one. */
async function ownCampaign(tx: CommerceTx, context: Context, campaignId: string): Promise<CampaignRow> {
  const brandId = callingBrand(context);
  const [campaign] = await tx.campaignsByIds([campaignId]);
  if (!campaign || campaign.brandId !== brandId) throw notFound('Campaign', campaignId);
  return campaign;
}

async function campaignIn(tx: CommerceTx, campaignId: string): Promise<CampaignRow> {
  const [campaign] = await tx.campaignsByIds([campaignId]);
  if (!campaign) throw notFound('Campaign', campaignId);
  return campaign;
}

function requireOpen(campaign: CampaignRow): void {
  if (campaign.status !== 'OPEN') throw refuse(Refusal.CAMPAIGN_CLOSED, 'This campaign is closed.', { campaignId: campaign.id });
}

/** The brand closes its campaign: it takes nobody more and its rate stops applying. Closed already: nothing changes. */
export async function closeCampaign(context: Context, campaignId: string): Promise<CampaignRow> {
  const now = context.clock.now();
  const closed = await context.store.transaction(async (tx) => {
    const campaign = await ownCampaign(tx, context, campaignId);
    return (await tx.closeCampaign(campaign.id, now)) ?? campaign;
  });
  return closed;
}

/**
 * The brand invites creators (1 to 50 a call) to its OPEN campaign. A creator it has a membership
 * with already keeps it as it stands (an applicant stays an applicant for the brand to approve).
 * Answers every named creator's membership.
 * @throws NOT_FOUND (a campaign, a creator), CAMPAIGN_CLOSED, BAD_USER_INPUT.
 */
export async function inviteCreators(context: Context, campaignId: string, creatorIds: readonly string[]): Promise<CampaignMemberRow[]> {
  callingBrand(context);
  const ids = [...new Set(creatorIds)];
  if (ids.length < 1 || ids.length > CAMPAIGN_INVITES_PER_CALL) throw badInput(`Invite 1 to ${CAMPAIGN_INVITES_PER_CALL} creators a call.`, { field: 'creatorIds' });
  const creators = await context.peers.entities('users', 'Creator', ids, 'id', context.viewer);
  const missing = ids.find((_, i) => creators[i] == null);
  if (missing) throw notFound('Creator', missing);
  const now = context.clock.now();
  return context.store.transaction(async (tx) => {
    const campaign = await ownCampaign(tx, context, campaignId);
    requireOpen(campaign);
    await tx.insertCampaignMembers(ids.map((creatorId) => ({ campaignId, creatorId, status: 'INVITED' as const, invited: true, message: null, createdAt: now, updatedAt: now })));
    const rows = new Map((await tx.campaignMembersOf(campaignId, ids)).map((row) => [row.creatorId, row]));
    return ids.map((id) => rows.get(id)!);
  });
}

/** Seats an accepted member: the campaign's kept count, guarded by its capacity, in the move's transaction. */
async function takeSeat(tx: CommerceTx, campaign: CampaignRow): Promise<CampaignRow> {
  const seated = await tx.takeCampaignSeat(campaign.id);
  if (seated) return seated;
  const [now] = await tx.campaignsByIds([campaign.id]);
  requireOpen(now ?? campaign);
  throw refuse(Refusal.CAMPAIGN_FULL, 'This campaign has all the creators it takes.', { campaignId: campaign.id, capacity: campaign.capacity });
}

async function memberOf(tx: CommerceTx, campaignId: string, creatorId: string): Promise<CampaignMemberRow | undefined> {
  return (await tx.campaignMembersOf(campaignId, [creatorId]))[0];
}

/**
 * The signed-in creator applies to an OPEN campaign, with an optional note to the brand.
 * @throws NOT_FOUND, FORBIDDEN (NOT_A_CREATOR), CAMPAIGN_CLOSED, CAMPAIGN_FULL, ALREADY_INVITED, CAMPAIGN_MEMBERSHIP_ENDED.
 */
export async function applyToCampaign(context: Context, campaignId: string, message?: string | null): Promise<CampaignMemberRow> {
  const note = message?.trim() || null;
  if (note && note.length > CAMPAIGN_MESSAGE_MAX) throw badInput(`message is at most ${CAMPAIGN_MESSAGE_MAX} characters.`, { field: 'message' });
  const creatorId = await signedInCreatorId(context);
  const now = context.clock.now();
  return context.store.transaction(async (tx) => {
    const campaign = await campaignIn(tx, campaignId);
    const existing = await memberOf(tx, campaignId, creatorId);
    if (existing) {
      if (existing.status === 'APPLIED' || existing.status === 'ACCEPTED') return existing;
      if (existing.status === 'INVITED') throw refuse(Refusal.ALREADY_INVITED, 'This campaign invited you: accept the invitation instead.', { status: existing.status });
      throw refuse(Refusal.CAMPAIGN_MEMBERSHIP_ENDED, `You ${existing.status === 'DECLINED' ? 'declined' : 'were not taken by'} this campaign.`, { status: existing.status });
    }
    requireOpen(campaign);
    if (campaign.acceptedCount >= campaign.capacity) throw refuse(Refusal.CAMPAIGN_FULL, 'This campaign has all the creators it takes.', { campaignId, capacity: campaign.capacity });
    await tx.insertCampaignMembers([{ campaignId, creatorId, status: 'APPLIED', invited: false, message: note, createdAt: now, updatedAt: now }]);
    await tellCampaignApplied(tx, campaign, creatorId, note, now);
    return (await memberOf(tx, campaignId, creatorId))!;
  });
}

type Decision = { from: CampaignMemberStatus; to: CampaignMemberStatus; refusal: string; seat: boolean };

/** Creator's answers to an invitation, brand's to an application: the move, what refuses it, and whether it takes a seat. */
const DECISIONS = {
  accept: { from: 'INVITED', to: 'ACCEPTED', refusal: Refusal.NOT_INVITED, seat: true },
  decline: { from: 'INVITED', to: 'DECLINED', refusal: Refusal.NOT_INVITED, seat: false },
  approve: { from: 'APPLIED', to: 'ACCEPTED', refusal: Refusal.NOT_APPLIED, seat: true },
  reject: { from: 'APPLIED', to: 'REJECTED', refusal: Refusal.NOT_APPLIED, seat: false },
} as const satisfies Record<string, Decision>;

/** One move of a membership, in one transaction: the guarded move, a seat when it accepts, the brand told. */
async function decide(context: Context, tx: CommerceTx, campaign: CampaignRow, creatorId: string, decision: Decision): Promise<CampaignMemberRow> {
  const now = context.clock.now();
  const moved = await tx.moveCampaignMember(campaign.id, creatorId, decision.from, decision.to, now);
  if (!moved) {
    const current = await memberOf(tx, campaign.id, creatorId);
    // Done already: the retry answers what stands.
    if (current?.status === decision.to) return current;
    throw refuse(decision.refusal, decision.from === 'INVITED' ? 'You have no open invitation to this campaign.' : 'This creator has no open application to this campaign.', {
      campaignId: campaign.id,
      status: current?.status ?? null,
    });
  }
  if (decision.seat) {
    const seated = await takeSeat(tx, campaign);
    await tellCampaignAccepted(tx, seated, creatorId, decision.from === 'INVITED' ? 'INVITATION' : 'APPLICATION', now);
  }
  return moved;
}

/** The signed-in creator accepts (takes a seat) or declines an invitation. */
export async function answerInvitation(context: Context, campaignId: string, answer: 'accept' | 'decline'): Promise<CampaignMemberRow> {
  const creatorId = signedInUserId(context.viewer);
  const member = await context.store.transaction(async (tx) => {
    const campaign = await campaignIn(tx, campaignId);
    // A closed campaign takes no one; declining it is still the creator's answer.
    if (answer === 'accept' && (await memberOf(tx, campaignId, creatorId))?.status === 'INVITED') requireOpen(campaign);
    return decide(context, tx, campaign, creatorId, DECISIONS[answer]);
  });
  context.changed('Creator', creatorId);
  return member;
}

/** The brand approves (seats) or rejects an applicant. */
export async function answerApplication(context: Context, campaignId: string, creatorId: string, answer: 'approve' | 'reject'): Promise<CampaignMemberRow> {
  const member = await context.store.transaction(async (tx) => {
    const campaign = await ownCampaign(tx, context, campaignId);
    return decide(context, tx, campaign, creatorId, DECISIONS[answer]);
  });
  context.changed('Creator', creatorId);
  return member;
}

// ---- Reads.

/** A campaign for `campaign(id)`: its brand's keys, signed-in users while OPEN, its members always; null to anyone else. */
export async function visibleCampaign(context: Context, id: string): Promise<CampaignRow | null> {
  const campaign = await context.loaders.campaignById.load(id);
  if (!campaign) return null;
  const { partnerId, userId } = context.viewer;
  if (partnerId) return partnerId === campaign.brandId ? campaign : null;
  if (!userId) return null;
  if (campaign.status === 'OPEN') return campaign;
  return (await viewerMembership(context, campaign)) ? campaign : null;
}

export async function campaignById(context: Context, id: string): Promise<CampaignRow> {
  const campaign = await visibleCampaign(context, id);
  if (!campaign) throw notFound('Campaign', id);
  return campaign;
}

/** The signed-in creator's own membership of a campaign; null for anyone else or a creator not in it. */
export async function viewerMembership(context: Context, campaign: { id: string }): Promise<CampaignMemberRow | null> {
  const { userId } = context.viewer;
  if (!userId) return null;
  return context.loaders.campaignMembership.load(`${userId}\n${campaign.id}`);
}

/** How campaign lists page, either way: by `[createdAt ms, id]`, newest first. */
export const CAMPAIGN_PAGING = newestFirstPaging((row: CampaignRow) => row.createdAt);
/** How a creator's memberships page: by `[updatedAt ms, campaign id]`, latest change first. */
export const CREATOR_MEMBERSHIP_PAGING: ListPaging<CampaignMemberRow> = { arity: 2, keyOf: (row) => [row.updatedAt.getTime(), row.campaignId] };
/** How a campaign's members page: by `[updatedAt ms, creator id]`, latest change first. */
export const CAMPAIGN_MEMBER_PAGING: ListPaging<CampaignMemberRow> = { arity: 2, keyOf: (row) => [row.updatedAt.getTime(), row.creatorId] };

/** OPEN campaigns, newest first, for signed-in creators to browse. */
export function openCampaigns(context: Context, args: PageArgs) {
  signedInUserId(context.viewer);
  return connectionOf(args, CAMPAIGN_PAGING, (page) => context.store.openCampaignsPage(page));
}

/** A brand's campaigns, newest first: its own keys only. */
export function brandCampaigns(context: Context, brandId: string, args: PageArgs) {
  requirePartnerOf(context.viewer, brandId);
  return connectionOf(args, CAMPAIGN_PAGING, (page) => context.store.brandCampaignsPage(brandId, page));
}

/** The signed-in creator's memberships in one status (INVITED: their invitations), latest change first. */
export function myCampaigns(context: Context, status: CampaignMemberStatus, args: PageArgs) {
  const creatorId = signedInUserId(context.viewer);
  return connectionOf(args, CREATOR_MEMBERSHIP_PAGING, (page) => context.store.creatorMembershipsPage(creatorId, status, page));
}

/** A campaign's members in one status (APPLIED: its applicants), latest change first: its brand's keys only. */
export function campaignMembers(context: Context, campaign: CampaignRow, status: CampaignMemberStatus, args: PageArgs) {
  requirePartnerOf(context.viewer, campaign.brandId);
  return connectionOf(args, CAMPAIGN_MEMBER_PAGING, (page) => context.store.campaignMembersPage(campaign.id, status, page));
}
