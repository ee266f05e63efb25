/**
 * The creators directory through the gateway (`searchCreators`): words of a handle, name or bio,
 * a topic, a follower band and a country, most followed first, paged to the end without a repeat;
 * a creator's new topic shows in the directory at once; bad arguments are refused by name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorIds, userIds } from '@app/fixtures/world';
import { startGraph, type RunningGraph } from './harness.ts';
import { asUser } from './live-api.ts';

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.stop());

const SEARCH = `query ($text: String, $topic: CreatorTopic, $followers: FollowerBand, $country: String, $first: Int, $after: String) {
  searchCreators(text: $text, topic: $topic, followers: $followers, country: $country, first: $first, after: $after) {
    edges { node { id handle topic followerCount country } }
    pageInfo { hasNextPage endCursor }
  }
}`;
interface Found {
  id: string;
  handle: string;
  topic: string | null;
  followerCount: number;
  country: string;
}

async function everyone(variables: Record<string, unknown>): Promise<Found[]> {
  const found: Found[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const { body }: { body: any } = await graph.query(SEARCH, { ...variables, first: 4, after });
    expect(body.errors).toBeUndefined();
    found.push(...body.data.searchCreators.edges.map((edge: { node: Found }) => edge.node));
    if (!body.data.searchCreators.pageInfo.hasNextPage) return found;
    after = body.data.searchCreators.pageInfo.endCursor;
  }
  throw new Error('more than 50 pages');
}

const mostFollowedFirst = (found: Found[]) => found.every((one, i) => i === 0 || found[i - 1]!.followerCount >= one.followerCount);

describe('the creators directory', () => {
  it('lists every creator once, most followed first, and narrows by topic, band, country and words', async () => {
    const all = await everyone({});
    expect(new Set(all.map((one) => one.id))).toEqual(new Set(creatorIds));
    expect(mostFollowedFirst(all)).toBe(true);

    const cooking = await everyone({ topic: 'COOKING' });
    expect(cooking.map((one) => one.id)).toEqual(all.filter((one) => one.topic === 'COOKING').map((one) => one.id));
    expect(cooking.length).toBeGreaterThan(0);

    const band = await everyone({ followers: { min: 10, max: 25 } });
    expect(band.map((one) => one.id)).toEqual(all.filter((one) => one.followerCount >= 10 && one.followerCount <= 25).map((one) => one.id));

    const us = await everyone({ country: 'US', topic: 'COOKING' });
    expect(us.map((one) => one.id)).toEqual(cooking.filter((one) => one.country === 'US').map((one) => one.id));

    // `maya.cooking` by the starts of two of her words, in any case and with punctuation between.
    const maya = await everyone({ text: 'MAY, cook!' });
    expect(maya.map((one) => one.id)).toContain(creatorIds[0]);
    expect(maya.every((one) => /\bmay/i.test(one.handle))).toBe(true);
  });

  it('shows a creator under the topic they choose, at once', async () => {
    const creator = creatorIds[7] as string;
    const headers = await asUser(graph, creator);
    // Read (and so cached) before the change, as a directory page open in a brand's browser would be.
    expect((await everyone({ topic: 'MUSIC' })).map((one) => one.id)).not.toContain(creator);
    const changed = await graph.query('mutation { updateProfile(input: { topic: MUSIC }) { creator { topic } } }', {}, headers);
    expect(changed.body.errors).toBeUndefined();
    expect((await everyone({ topic: 'MUSIC' })).map((one) => one.id)).toContain(creator);
    const notCreator = await graph.query('mutation { updateProfile(input: { topic: MUSIC }) { id } }', {}, await asUser(graph, userIds[40] as string));
    expect(notCreator.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_CREATOR' });
  });

  it('refuses arguments it cannot meet, by name, and changes nothing', async () => {
    for (const [variables, argument] of [
      [{ text: '!!' }, 'text'],
      [{ followers: { min: 30, max: 3 } }, 'followers'],
      [{ country: 'usa' }, 'country'],
    ] as const) {
      const { body } = await graph.query(SEARCH, variables);
      expect(body.errors?.[0]?.extensions, JSON.stringify(variables)).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
    const { body } = await graph.query(SEARCH, { topic: 'KNITTING' });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
