import { SeededRandom } from '@app/fixtures/random';
import { DAY, HOUR, LIVE_NOW_COUNT, SEED_TIME, type Topic, creatorPopularity, creatorTopic, liveStreamCreatorId, liveStreamIds, userIds, videoCreatorId, videoIds } from '@app/fixtures/world';
import { streamSortTime } from '../vocabulary.ts';
import type { ContentSeedRows } from './contract.ts';
import type { ContentStore } from './store.ts';
import type { liveEvents, liveStreams, videoLikes } from './tables.ts';

const MINUTE = 60_000;

export const CAPTIONS: Record<Topic, readonly string[]> = {
  cooking: ['15-minute garlic butter pasta that tastes like a restaurant', 'Crispy smashed potatoes, no deep fryer needed', 'My grandma\'s dumpling fold, step by step', 'Meal prep for the whole week under $40', 'One-pan lemon chicken you will make every Sunday', 'Fluffiest pancakes of your life, the secret is the rest'],
  fitness: ['20-minute full body workout, no equipment', 'Three mistakes I see on every squat', 'Morning mobility routine for desk workers', 'Week 6 of my half-marathon plan', 'Core finisher: 5 moves, 45 seconds each', 'How I actually stay consistent at the gym'],
  beauty: ['Five-minute makeup for early meetings', 'Dewy skin routine on a drugstore budget', 'Testing the viral lip combo so you don\'t have to', 'Night skincare, everything I use and why', 'Soft glam for a wedding guest look', 'Brow lamination at home: honest results'],
  gaming: ['This speedrun trick saves 40 seconds', 'Ranking every boss from easiest to hardest', 'Clutch 1v4 in the final circle', 'Cozy games to play this weekend', 'Hidden room nobody found until today', 'My setup tour, every piece explained'],
  travel: ['48 hours in Lisbon on a budget', 'The ferry ride that made the whole trip', 'Packing light: one carry-on for two weeks', 'Night market food tour, everything under $5', 'A hidden beach you can only reach on foot', 'What I wish I knew before visiting Tokyo'],
  comedy: ['When the group chat plans a trip', 'Every meeting that could have been an email', 'My cat reviewing my cooking', 'POV: the last slice of pizza', 'Things my mom says on the phone', 'Trying to parallel park with an audience'],
  tech: ['The phone setting you should turn off today', 'Unboxing the new noise-cancelling earbuds', 'Three keyboard shortcuts that save me an hour a week', 'Building a budget gaming PC, part 2', 'Is the new tablet worth it? Two weeks in', 'My desk setup for working from home'],
  fashion: ['Five outfits from ten pieces', 'Thrift flip: men\'s blazer to cropped jacket', 'Fall capsule wardrobe, everything linked', 'How to style wide-leg trousers three ways', 'Sneaker rotation for the month', 'Getting ready for a gallery opening'],
  music: ['Writing a song in 60 seconds', 'This chord progression is in every hit', 'Live loop session in my bedroom', 'Cover of this week\'s most requested song', 'How I mix vocals at home', 'Guitar riff challenge, your turn'],
  outdoors: ['Sunrise hike worth the 4 a.m. alarm', 'Camp kitchen setup for two nights', 'Testing a one-person tent in the rain', 'Beginner trail running tips', 'Kayaking to a secret waterfall', 'Everything in my day-hike pack'],
};

export const HASHTAGS: Record<Topic, readonly string[]> = {
  cooking: ['recipe', 'easyrecipes', 'foodtok', 'dinnerideas', 'homecooking', 'mealprep'],
  fitness: ['workout', 'fitnesstips', 'gymtok', 'homeworkout', 'running', 'mobility'],
  beauty: ['makeup', 'skincare', 'grwm', 'beautytips', 'makeuptutorial', 'glowup'],
  gaming: ['gaming', 'gamer', 'speedrun', 'cozygames', 'gamingsetup', 'clutch'],
  travel: ['travel', 'traveltok', 'budgettravel', 'hiddengems', 'packingtips', 'wanderlust'],
  comedy: ['comedy', 'funny', 'relatable', 'pov', 'sketch', 'lol'],
  tech: ['tech', 'techtok', 'gadgets', 'unboxing', 'pcbuild', 'productivity'],
  fashion: ['fashion', 'ootd', 'outfitideas', 'thrifted', 'styletips', 'capsulewardrobe'],
  music: ['music', 'songwriter', 'cover', 'guitar', 'producer', 'newmusic'],
  outdoors: ['hiking', 'outdoors', 'camping', 'trailrunning', 'adventure', 'naturelovers'],
};

const STREAM_TITLES: Record<Topic, string> = {
  cooking: 'Cook dinner with me, ask me anything',
  fitness: 'Live HIIT class, bring water',
  beauty: 'Full glam and Q&A',
  gaming: 'Ranked grind until we hit diamond',
  travel: 'Live from the night market',
  comedy: 'Reading your worst date stories',
  tech: 'Unboxing and first impressions, live',
  fashion: 'Styling your closet staples live',
  music: 'Taking song requests all night',
  outdoors: 'Sunset from the summit, live',
};

/** Distinct publish times spread over the 60 days before SEED_TIME, so feed order has no ties. */
function publishTimes(random: SeededRandom, count: number): number[] {
  const minutes = new Set<number>();
  while (minutes.size < count) minutes.add(random.int(1, 60 * 24 * 60));
  return [...minutes].map((minutesAgo) => SEED_TIME - minutesAgo * MINUTE + random.int(0, 59) * 1000);
}

/** The seeded world as rows, the same for every engine: each store inserts them in this order. */
type SeededStream = (typeof liveStreams.$inferInsert) & { status: 'SCHEDULED' | 'LIVE' | 'ENDED' };

/**
 * The status changes a stream's row records, each at its time, numbered from 1 as
 * `appendLiveEvent` numbers them: a stream still scheduled has its SCHEDULED (as of the seed);
 * one that started, LIVE at `startedAt`; one that ended, then ENDED at `endedAt`, its last. So
 * a subscription to a seeded ended stream sends ENDED and completes, as for one ended live.
 */
function lifecycleEvents(stream: SeededStream): (typeof liveEvents.$inferInsert)[] {
  const changes: { status: SeededStream['status']; at: Date }[] = [];
  if (stream.status === 'SCHEDULED') changes.push({ status: 'SCHEDULED', at: new Date(SEED_TIME) });
  if (stream.startedAt) changes.push({ status: 'LIVE', at: stream.startedAt });
  if (stream.endedAt) changes.push({ status: 'ENDED', at: stream.endedAt });
  return changes.map((change, i) => ({ topic: stream.id, seq: i + 1, kind: change.status, payload: { status: change.status }, createdAt: change.at }));
}

/**
 * The content store's first rows: 300 videos spread over 20 creators, 12 live streams (the
 * first LIVE_NOW_COUNT live now, then ended, then scheduled), and a few thousand likes.
 * The same data every time.
 */
export function contentSeed(): ContentSeedRows {
  const random = new SeededRandom(2);
  const published = publishTimes(random, videoIds.length);

  const videoRows = videoIds.map((id, i): ContentSeedRows['videos'][number] => {
    const creatorId = videoCreatorId(i);
    // The creator's topic in the fixtures, the one their handle carries: `maya.cooking` posts cooking videos.
    const niche = creatorTopic(creatorId);
    const hashtags = random.sample(HASHTAGS[niche], random.int(1, 3));
    if (random.chance(0.4)) hashtags.push('fyp');
    return {
      id,
      creatorId,
      caption: `${random.pick(CAPTIONS[niche])} ${hashtags.map((tag) => `#${tag}`).join(' ')}`,
      // Most videos are short; about a quarter run up to three minutes.
      durationSeconds: random.chance(0.75) ? random.int(8, 60) : random.int(61, 180),
      thumbnailUrl: `https://cdn.example.com/v/${id}.jpg`,
      playbackUrl: `https://cdn.example.com/v/${id}.m3u8`,
      // Views are heavy-tailed (hundreds for most, millions for a few) and scale with the creator's popularity.
      viewCount: Math.round(10 ** (2.3 + random.next() * 4) * (creatorPopularity(creatorId) / 50)),
      hashtags,
      publishedAt: new Date(published[i] as number),
    };
  });

  const drawnStreams = liveStreamIds.map((id, i) => {
    const creatorId = liveStreamCreatorId(i);
    const base = { id, creatorId, title: STREAM_TITLES[creatorTopic(creatorId)] };
    if (i < LIVE_NOW_COUNT) {
      const startedAt = SEED_TIME - random.int(5, 90) * MINUTE;
      // Watching now: about 250 viewers a point of popularity, give or take a fifth.
      const viewerCount = Math.round(creatorPopularity(creatorId) * 250 * (0.8 + random.next() * 0.4));
      return { ...base, status: 'LIVE' as const, viewerCount, scheduledFor: null, startedAt: new Date(startedAt), endedAt: null };
    }
    if (i < LIVE_NOW_COUNT + 4) {
      const startedAt = SEED_TIME - random.int(1, 20) * DAY - random.int(0, 23) * HOUR;
      return {
        ...base,
        status: 'ENDED' as const,
        viewerCount: 0,
        scheduledFor: random.chance(0.5) ? new Date(startedAt - random.int(0, 10) * MINUTE) : null,
        startedAt: new Date(startedAt),
        endedAt: new Date(startedAt + random.int(30, 150) * MINUTE),
      };
    }
    return {
      ...base,
      status: 'SCHEDULED' as const,
      viewerCount: 0,
      // A week to six weeks ahead, at a whole hour: still upcoming for weeks after SEED_TIME, as
      // a seed fixed in time can be (and within SCHEDULE_AHEAD_MAX_DAYS, as a scheduling write must).
      scheduledFor: new Date(SEED_TIME + random.int(7, 42) * DAY + random.int(-6, 5) * HOUR),
      startedAt: null,
      endedAt: null,
    };
  });

  const streamRows = drawnStreams.map((stream) => ({ ...stream, sortAt: streamSortTime(stream) }));

  const videoIndexes = videoIds.map((_, i) => i);
  const likeRows: (typeof videoLikes.$inferInsert)[] = [];
  for (const userId of userIds) {
    for (const i of random.sample(videoIndexes, random.int(20, 90))) {
      const publishedAt = published[i] as number;
      likeRows.push({ userId, videoId: videoIds[i] as string, createdAt: new Date(publishedAt + random.next() * (SEED_TIME - publishedAt)) });
    }
  }

  // The kept counts, as the videos and likes just drawn make them.
  const likesPerVideo = new Map<string, number>();
  for (const like of likeRows) likesPerVideo.set(like.videoId, (likesPerVideo.get(like.videoId) ?? 0) + 1);
  for (const video of videoRows) video.likeCount = likesPerVideo.get(video.id) ?? 0;
  const videosPerCreator = new Map<string, number>();
  for (const video of videoRows) videosPerCreator.set(video.creatorId, (videosPerCreator.get(video.creatorId) ?? 0) + 1);

  const events = streamRows.map(lifecycleEvents);
  return {
    creatorCounts: [...videosPerCreator].map(([creatorId, videoCount]) => ({ creatorId, videoCount })),
    videos: videoRows,
    liveStreams: streamRows,
    videoLikes: likeRows,
    liveEvents: events.flat(),
    liveEventTopics: events.filter((stream) => stream.length > 0).map((stream) => ({ topic: stream[0]!.topic, lastSeq: stream.length })),
  };
}

/** Fills an empty content store with the seed world; a store that holds anything is left as it is. */
export async function seedContentStore(store: Pick<ContentStore, 'transaction'>): Promise<void> {
  await store.transaction(async (tx) => {
    if (await tx.isEmpty()) await tx.insertSeedRows(contentSeed());
  });
}
