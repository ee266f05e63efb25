/**
 * The content store's large world: the seed's videos, streams and likes as they are, then a
 * million bulk videos, all published before the seed's (whose creator is the fixtures' power law:
 * Maya most, the last bulk creators a few each), with likes by bulk users, a chunk at a time.
 * Each creator's kept video count is written last, the seed's and the bulk's together.
 */
import { chunksOf, insertChunks, newReport, type BulkReport, type SeedTarget } from '@app/fixtures/bulk';
import { bulkVideoCreatorRank, bulkVideoId, bulkVideoPublishedAt, bulkViewerCount, bulkViewerId, largeCreatorCount, largeCreatorId, largeCreatorTopic, type LargeWorldSize } from '@app/fixtures/large';
import { SeededRandom } from '@app/fixtures/random';
import type { ContentSeedRows } from './contract.ts';
import { CAPTIONS, HASHTAGS, contentSeed } from './seed.ts';
import type { NewCreatorCount, NewVideo, NewVideoLike } from './tables.ts';

const CHUNK = 20_000;

const emptyRows = (): ContentSeedRows => ({ videos: [], liveStreams: [], videoLikes: [], creatorCounts: [], liveEvents: [], liveEventTopics: [] });

/** Bulk videos and their likes, a chunk at a time; `videosPerRank` counts each creator's. */
function* bulkChunks(size: LargeWorldSize, random: SeededRandom, videosPerRank: Uint32Array): Generator<Partial<ContentSeedRows>> {
  const viewers = bulkViewerCount(size);
  for (const [start, end] of chunksOf(size.bulkVideos, CHUNK)) {
    const videos: NewVideo[] = [];
    const videoLikes: NewVideoLike[] = [];
    for (let v = start; v < end; v++) {
      const id = bulkVideoId(v);
      const rank = bulkVideoCreatorRank(v, size);
      videosPerRank[rank] = (videosPerRank[rank] as number) + 1;
      const topic = largeCreatorTopic(rank);
      const hashtags = random.sample(HASHTAGS[topic], random.int(1, 3));
      const publishedAt = bulkVideoPublishedAt(v);
      // About one like a video: none on half, one to three on the rest, by distinct bulk viewers.
      const likes = random.chance(0.5) ? random.int(1, 3) : 0;
      const first = random.int(0, viewers - 1);
      for (let n = 0; n < likes; n++) videoLikes.push({ videoId: id, userId: bulkViewerId(first + n * 7_919, size), createdAt: new Date(publishedAt + random.int(1, 3_600) * 1_000) });
      videos.push({
        id,
        creatorId: largeCreatorId(rank),
        caption: `${random.pick(CAPTIONS[topic])} ${hashtags.map((tag) => `#${tag}`).join(' ')}`,
        durationSeconds: random.chance(0.75) ? random.int(8, 60) : random.int(61, 180),
        thumbnailUrl: `https://cdn.example.com/v/${id}.jpg`,
        playbackUrl: `https://cdn.example.com/v/${id}.m3u8`,
        viewCount: Math.round(10 ** (1.5 + random.next() * 3)),
        likeCount: likes,
        hashtags,
        publishedAt: new Date(publishedAt),
      });
    }
    yield { videos, videoLikes };
  }
}

/** Every creator's kept video count, seed and bulk together, a chunk at a time. */
function* creatorCountChunks(size: LargeWorldSize, seedCounts: readonly NewCreatorCount[], videosPerRank: Uint32Array): Generator<Partial<ContentSeedRows>> {
  const seedCount = new Map(seedCounts.map((row) => [row.creatorId, row.videoCount ?? 0]));
  for (const [start, end] of chunksOf(largeCreatorCount(size), CHUNK)) {
    const creatorCounts: NewCreatorCount[] = [];
    for (let rank = start; rank < end; rank++) {
      const creatorId = largeCreatorId(rank);
      const videoCount = (seedCount.get(creatorId) ?? 0) + (videosPerRank[rank] as number);
      if (videoCount > 0) creatorCounts.push({ creatorId, videoCount });
    }
    yield { creatorCounts };
  }
}

/** Fills an empty content store with the large world at `size`. */
export async function seedLargeContentStore(store: SeedTarget<ContentSeedRows>, size: LargeWorldSize, report: BulkReport = newReport()): Promise<BulkReport> {
  const started = performance.now();
  const { creatorCounts: seedCounts, ...seed } = contentSeed();
  const videosPerRank = new Uint32Array(largeCreatorCount(size));
  await insertChunks(store, [seed], emptyRows, report);
  await insertChunks(store, bulkChunks(size, new SeededRandom(102), videosPerRank), emptyRows, report);
  await insertChunks(store, creatorCountChunks(size, seedCounts, videosPerRank), emptyRows, report);
  report.ms = performance.now() - started;
  return report;
}
