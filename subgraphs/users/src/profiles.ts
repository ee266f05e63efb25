/**
 * The rules of people and creators, in one place.
 *
 * - A creator is a user with a creator profile; a creator's id is their user id.
 * - `creator` is found by exactly one of id or handle.
 * - A profile edit changes the display name (1 to 50 characters, trimmed), the bio (at most
 *   160, trimmed; empty clears it) and, for a creator, the topic: only the signed-in user's own.
 */
import { signedInUserId } from '@app/kit/access';
import { badInput, forbidden, notFound } from '@app/kit/errors';
import { loadOrNotFound } from '@app/kit/loaders';
import { connectionOf, type ListPaging, type PageArgs } from '@app/kit/pagination';
import type { Context } from './context.ts';
import type { ProfileChanges } from './db/contract.ts';
import type { UserRow } from './mappers.ts';
import { BIO_MAX, DISPLAY_NAME_MAX, type CreatorTopic } from './vocabulary.ts';

export function loadUser(context: Context, id: string): Promise<UserRow> {
  return loadOrNotFound(context.loaders.userById, 'User', id);
}

/** A creator by id or by handle (exactly one). @throws NOT_FOUND for a user who is no creator. */
export async function findCreator(context: Context, by: { id?: string | null; handle?: string | null }): Promise<UserRow> {
  if ((by.id == null) === (by.handle == null)) throw badInput('Pass exactly one of `id` or `handle`.');
  const user = by.id != null ? await context.loaders.userById.load(by.id) : await context.loaders.userByHandle.load(by.handle as string);
  if (!user?.isCreator) throw notFound('Creator', (by.id ?? by.handle) as string);
  return user;
}

/** A creator for an entity reference: null (unknown to this subgraph) when the user is no creator. */
export async function creatorReference(context: Context, id: string): Promise<UserRow | null> {
  const user = await context.loaders.userById.load(id);
  return user?.isCreator ? user : null;
}

/** How the creators list pages, either way: by `[handle]`. */
export const CREATORS_PAGING: ListPaging<UserRow> = { arity: 1, keyOf: (row) => [row.handle] };

/** Creators by handle, a page at a time, either way. */
export function creatorsPage(context: Context, args: PageArgs) {
  return connectionOf(args, CREATORS_PAGING, async (page) => {
    const rows = await context.store.creatorsPage(page);
    for (const row of rows) context.loaders.userById.prime(row.id, row);
    return rows;
  });
}

export interface ProfileInput {
  displayName?: string | null;
  bio?: string | null;
  topic?: CreatorTopic | null;
}

/** Changes the signed-in user's own profile. @throws BAD_USER_INPUT for a name or bio out of bounds, or no change. */
export async function updateProfile(context: Context, input: ProfileInput): Promise<UserRow> {
  const viewerId = signedInUserId(context.viewer);
  const changes: ProfileChanges = {};
  if (input.displayName != null) {
    const displayName = input.displayName.trim();
    if (displayName.length < 1 || displayName.length > DISPLAY_NAME_MAX) {
      throw badInput(`displayName must be 1 to ${DISPLAY_NAME_MAX} characters.`, { field: 'displayName' });
    }
    changes.displayName = displayName;
  }
  if (input.bio != null) {
    const bio = input.bio.trim();
    if (bio.length > BIO_MAX) throw badInput(`bio must be at most ${BIO_MAX} characters.`, { field: 'bio' });
    changes.bio = bio === '' ? null : bio;
  }
  if (Object.keys(changes).length === 0 && input.topic == null) throw badInput('Give displayName, bio or topic to change.');
  const user = await context.store.transaction(async (tx) => {
    if (input.topic != null) {
      const [own] = await tx.usersByIds([viewerId]);
      if (own && !own.isCreator) throw forbidden('Only creators have a topic.', { reason: 'NOT_A_CREATOR' });
      changes.topic = input.topic;
    }
    return tx.updateUser(viewerId, changes);
  });
  if (!user) throw notFound('User', viewerId);
  context.changed('User', viewerId);
  context.changed('Creator', viewerId);
  // A name, bio or topic decides which directory searches find a creator: those lists changed too.
  if (user.isCreator) context.changed('Creator');
  return user;
}
