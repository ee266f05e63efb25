/**
 * The rules of publishing short videos and tagging products in them, in one place.
 *
 * - A signed-in creator (users says who is one: NOT_A_CREATOR otherwise) publishes a video: a
 *   caption of at most `VIDEO_LIMITS.captionMax` characters, up to `hashtagsMax` hashtags (a
 *   leading `#` is dropped; letters, digits and `_`; a repeat, in any case, is dropped), a
 *   duration of 1 to 600 whole seconds, and https URLs of its playlist and thumbnail (the media
 *   lives in a media service; only the addresses are kept). It is first in the feed and on its
 *   creator's profile, and counted in the creator's kept `videoCount` by the same transaction.
 * - Only the video's creator edits its caption and hashtags, sets its product tags or deletes it
 *   (FORBIDDEN, reason NOT_VIDEO_CREATOR). Deleting takes its likes and tags with it and uncounts
 *   it, in one transaction.
 * - A video tags at most `VIDEO_PRODUCTS_MAX` products, each once, in the creator's order. Every
 *   product must exist (commerce is asked at the time of the write, within the peers client's
 *   deadline: an unknown id is BAD_USER_INPUT naming it, commerce not answering is
 *   SERVICE_UNAVAILABLE, and nothing is written either way); a product newly tagged must be on
 *   sale, while one already tagged stays when its brand archives it.
 * - Bad input is BAD_USER_INPUT with the `field` at fault, checked before anything is asked or
 *   written.
 */
import { requireOwner, signedInUserId } from '@app/kit/access';
import { badInput, notFound, refuse } from '@app/kit/errors';
import { idempotent } from '@app/kit/idempotency';
import { newId } from '@app/kit/ids';
import type { Context } from './context.ts';
import type { ContentTx, VideoEdit } from './db/store.ts';
import { isCreator, productsByIds } from './facts.ts';
import type { VideoRow } from './mappers.ts';
import { Refusal } from './refusals.ts';
import { VIDEO_LIMITS, VIDEO_PRODUCTS_MAX } from './vocabulary.ts';
import { loadVideo } from './videos.ts';

export interface PublishVideoInput {
  caption: string;
  hashtags?: readonly string[] | null;
  durationSeconds: number;
  playbackUrl: string;
  thumbnailUrl: string;
  productIds?: readonly string[] | null;
  /** When given, sending the same key and input again returns the first video instead of a second. */
  idempotencyKey?: string | null;
}

export interface EditVideoInput {
  caption?: string | null;
  hashtags?: readonly string[] | null;
}

const HASHTAG = new RegExp(`^[\\p{L}\\p{N}_]{1,${VIDEO_LIMITS.hashtagMax}}$`, 'u');

/** The caption as kept: trimmed. @throws BAD_USER_INPUT when it is too long. */
export function readCaption(caption: string): string {
  const trimmed = caption.trim();
  if ([...trimmed].length > VIDEO_LIMITS.captionMax) throw badInput(`caption must be at most ${VIDEO_LIMITS.captionMax} characters.`, { field: 'caption' });
  return trimmed;
}

/** Hashtags as kept: without `#`, each once (the first spelling wins), in the order given. @throws BAD_USER_INPUT */
export function readHashtags(hashtags: readonly string[]): string[] {
  const kept = new Map<string, string>();
  for (const raw of hashtags) {
    const tag = raw.trim().replace(/^#/, '');
    if (!HASHTAG.test(tag)) {
      throw badInput(`Each hashtag must be 1 to ${VIDEO_LIMITS.hashtagMax} letters, digits or underscores (a leading # is allowed).`, { field: 'hashtags', hashtag: raw });
    }
    const key = tag.toLowerCase();
    if (!kept.has(key)) kept.set(key, tag);
  }
  if (kept.size > VIDEO_LIMITS.hashtagsMax) throw badInput(`A video has at most ${VIDEO_LIMITS.hashtagsMax} hashtags.`, { field: 'hashtags' });
  return [...kept.values()];
}

/** @throws BAD_USER_INPUT unless the duration is whole seconds within the bounds. */
export function readDuration(seconds: number): number {
  if (!Number.isInteger(seconds) || seconds < VIDEO_LIMITS.durationMin || seconds > VIDEO_LIMITS.durationMax) {
    throw badInput(`durationSeconds must be a whole number from ${VIDEO_LIMITS.durationMin} to ${VIDEO_LIMITS.durationMax}.`, { field: 'durationSeconds' });
  }
  return seconds;
}

/** A media address as kept: an absolute https URL with a host, no credentials, within the length bound. @throws BAD_USER_INPUT */
export function readMediaUrl(value: string, field: string): string {
  let url: URL | null = null;
  try {
    url = value.length <= VIDEO_LIMITS.urlMax ? new URL(value) : null;
  } catch {
    url = null;
  }
  if (!url || url.protocol !== 'https:' || !url.hostname || url.username || url.password) {
    throw badInput(`${field} must be an https URL of at most ${VIDEO_LIMITS.urlMax} characters.`, { field });
  }
  return url.href;
}

/** The product ids to tag, in order. @throws BAD_USER_INPUT for more than the limit or a repeat. */
export function readProductIds(productIds: readonly string[]): string[] {
  if (productIds.length > VIDEO_PRODUCTS_MAX) throw badInput(`A video tags at most ${VIDEO_PRODUCTS_MAX} products.`, { field: 'productIds', max: VIDEO_PRODUCTS_MAX });
  const repeated = productIds.find((id, i) => productIds.indexOf(id) !== i);
  if (repeated !== undefined) throw badInput(`Product ${JSON.stringify(repeated)} is tagged twice.`, { field: 'productIds', productId: repeated });
  return [...productIds];
}

/**
 * Asks commerce whether every product exists and the newly tagged are on sale.
 * @throws BAD_USER_INPUT naming the products that do not (nothing written); SERVICE_UNAVAILABLE when commerce does not answer.
 */
async function checkTaggable(context: Context, productIds: readonly string[], alreadyTagged: ReadonlySet<string>): Promise<void> {
  if (productIds.length === 0) return;
  const known = await productsByIds(context, productIds);
  const unknown = productIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw badInput(`No product has the id ${unknown.map((id) => JSON.stringify(id)).join(', ')}.`, { field: 'productIds', unknownProductIds: unknown });
  }
  const notOnSale = productIds.filter((id) => !alreadyTagged.has(id) && known.get(id)!.status !== 'ACTIVE');
  if (notOnSale.length > 0) {
    throw badInput(`Product ${notOnSale.map((id) => JSON.stringify(id)).join(', ')} is no longer sold and cannot be tagged.`, { field: 'productIds', archivedProductIds: notOnSale });
  }
}

const NOT_VIDEO_CREATOR = 'NOT_VIDEO_CREATOR';

/** The video, read in the write's transaction, if the viewer published it. @throws NOT_FOUND, FORBIDDEN */
async function ownVideo(context: Context, tx: ContentTx, id: string, message: string): Promise<VideoRow> {
  const [video] = await tx.videosByIds([id]);
  if (!video) throw notFound('Video', id);
  requireOwner(context.viewer, video.creatorId, message, NOT_VIDEO_CREATOR);
  return video;
}

/** A video's list order, its creator's list and which videos exist (the feed) changed. */
function videoListsChanged(context: Context, video: Pick<VideoRow, 'id' | 'creatorId'>): void {
  context.changed('Video', video.id);
  context.changed('Video');
  context.changed('Creator', video.creatorId);
}

export async function publishVideo(context: Context, input: PublishVideoInput): Promise<VideoRow> {
  const creatorId = signedInUserId(context.viewer);
  const caption = readCaption(input.caption);
  const hashtags = readHashtags(input.hashtags ?? []);
  const durationSeconds = readDuration(input.durationSeconds);
  const playbackUrl = readMediaUrl(input.playbackUrl, 'playbackUrl');
  const thumbnailUrl = readMediaUrl(input.thumbnailUrl, 'thumbnailUrl');
  const productIds = readProductIds(input.productIds ?? []);
  // Facts users and commerce own, asked together before the transaction (no network call
  // inside one); whether the viewer is a creator is answered first, whatever commerce says.
  const [creator, taggable] = await Promise.allSettled([isCreator(context, creatorId), checkTaggable(context, productIds, new Set())]);
  if (creator.status === 'rejected') throw creator.reason;
  if (!creator.value) throw refuse(Refusal.NOT_A_CREATOR, 'Only creators can publish videos.');
  if (taggable.status === 'rejected') throw taggable.reason;
  const now = context.clock.now();
  const insert = async (tx: ContentTx) => {
    const video = await tx.insertVideo({ id: newId('vid'), creatorId, caption, hashtags, durationSeconds, playbackUrl, thumbnailUrl, viewCount: 0, likeCount: 0, publishedAt: now });
    await tx.replaceVideoProducts(video.id, productIds, now);
    return { id: video.id };
  };
  // A client retrying an upload sends its key again: the first video comes back, no second one.
  const key = input.idempotencyKey;
  const { id } =
    key === undefined || key === null
      ? await context.store.transaction(insert)
      : (await idempotent(context.store, { scope: creatorId, key, operation: 'publishVideo', input: { caption, hashtags, durationSeconds, playbackUrl, thumbnailUrl, productIds } }, insert)).result;
  videoListsChanged(context, { id, creatorId });
  return loadVideo(context, id);
}

export async function editVideo(context: Context, id: string, input: EditVideoInput): Promise<VideoRow> {
  signedInUserId(context.viewer);
  const edit: VideoEdit = {};
  if (input.caption !== undefined && input.caption !== null) edit.caption = readCaption(input.caption);
  if (input.hashtags !== undefined && input.hashtags !== null) edit.hashtags = readHashtags(input.hashtags);
  const video = await context.store.transaction(async (tx) => {
    await ownVideo(context, tx, id, "Only the video's creator can edit it.");
    return (await tx.editVideo(id, edit))!;
  });
  context.changed('Video', id);
  return video;
}

/** Deletes one of the viewer's videos; the id of the video deleted. */
export async function deleteVideo(context: Context, id: string): Promise<string> {
  signedInUserId(context.viewer);
  const video = await context.store.transaction(async (tx) => {
    await ownVideo(context, tx, id, "Only the video's creator can delete it.");
    return (await tx.deleteVideo(id))!;
  });
  videoListsChanged(context, video);
  return video.id;
}

/** Makes `productIds` the video's tags, in that order: an empty list removes every tag. */
export async function setVideoProducts(context: Context, videoId: string, productIds: readonly string[]): Promise<VideoRow> {
  signedInUserId(context.viewer);
  const wanted = readProductIds(productIds);
  // Whose video, and what it tags now, before asking commerce: no one learns about products
  // through someone else's video, and a product already tagged may stay once archived.
  const video = await loadVideo(context, videoId);
  requireOwner(context.viewer, video.creatorId, "Only the video's creator can tag products in it.", NOT_VIDEO_CREATOR);
  const tagged = new Set((await context.loaders.videoProducts.load(videoId)).map((tag) => tag.productId));
  await checkTaggable(context, wanted, tagged);
  await context.store.transaction(async (tx) => {
    await ownVideo(context, tx, videoId, "Only the video's creator can tag products in it.");
    await tx.replaceVideoProducts(videoId, wanted, context.clock.now());
  });
  context.changed('Video', videoId);
  return loadVideo(context, videoId);
}

/** What a video tags, for `Video.taggedProducts`: references commerce completes. */
export async function taggedProducts(context: Context, videoId: string): Promise<{ id: string }[]> {
  return (await context.loaders.videoProducts.load(videoId)).map((tag) => ({ id: tag.productId }));
}
