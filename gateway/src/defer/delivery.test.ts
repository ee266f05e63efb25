import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DeferredResponse, deferredResponseOf, mergeAt } from './delivery.ts';
import type { SubsequentBatch } from './execute.ts';

async function* batchesOf(...batches: SubsequentBatch[]) {
  yield* batches;
}

const collected = async (response: DeferredResponse) => {
  const payloads = [];
  for await (const payload of response) payloads.push(payload);
  return payloads;
};

describe('the subsequent payloads of a deferred response', () => {
  const unavailable = new GraphQLError('The commerce service is unavailable; data from it is missing.', { path: ['creator', 'showcase'], extensions: { code: 'SERVICE_UNAVAILABLE', service: 'commerce' } });
  const batches = () =>
    batchesOf(
      { incremental: [{ data: { videos: { edges: [{ node: { id: 'v1' } }] } }, path: ['creator'], label: 'videos' }], hasNext: true },
      {
        incremental: [
          { data: { products: [{ title: 'Skillet' }] }, path: ['creator', 'videos', 'edges', 0, 'node'] },
          { data: { showcase: null }, path: ['creator'], errors: [unavailable] },
        ],
        hasNext: false,
      },
    );

  it('say data, path, label when the client gave one, formatted errors, and hasNext', async () => {
    const shown: GraphQLError[] = [];
    const response = new DeferredResponse(batches(), { data: { creator: { handle: 'maya' } } }, {
      formatErrors: (errors) => errors.map((error) => (shown.push(error), { message: error.message, extensions: { code: String(error.extensions.code) } })),
      onHookError: () => {},
    });
    expect(await collected(response)).toEqual([
      { incremental: [{ data: { videos: { edges: [{ node: { id: 'v1' } }] } }, path: ['creator'], label: 'videos' }], hasNext: true },
      {
        incremental: [
          { data: { products: [{ title: 'Skillet' }] }, path: ['creator', 'videos', 'edges', 0, 'node'] },
          { data: { showcase: null }, path: ['creator'], errors: [{ message: unavailable.message, extensions: { code: 'SERVICE_UNAVAILABLE' } }] },
        ],
        hasNext: false,
      },
    ]);
    expect(shown).toEqual([unavailable]);
  });

  it('let a hook see the whole response before the last payload and add to its extensions, a failing hook not stopping it', async () => {
    const failures: unknown[] = [];
    const response = new DeferredResponse(batches(), { data: { creator: { handle: 'maya' } } }, { formatErrors: () => [], onHookError: (error) => failures.push(error) });
    let seen: unknown;
    response.beforeLast((whole, extensions) => {
      seen = whole;
      extensions.cost = { actual: 3 };
    });
    response.beforeLast(() => {
      throw new Error('refund failed');
    });
    const payloads = await collected(response);
    expect(seen).toEqual({
      data: { creator: { handle: 'maya', videos: { edges: [{ node: { id: 'v1', products: [{ title: 'Skillet' }] } }] }, showcase: null } },
      errors: [unavailable],
    });
    expect(payloads.at(-1)?.extensions).toEqual({ cost: { actual: 3 } });
    expect(failures).toHaveLength(1);
  });

  it('are found behind an Apollo Server response body', () => {
    const response = new DeferredResponse(batches(), { data: {} }, { formatErrors: () => [], onHookError: () => {} });
    expect(deferredResponseOf({ kind: 'incremental', subsequentResults: response })).toBe(response);
    expect(deferredResponseOf({ kind: 'single' })).toBeUndefined();
  });
});

describe('merging a deferred fragment into the whole response', () => {
  it('merges at its path, into list items, and leaves a failed (null) fragment out', () => {
    const whole = { creator: { handle: 'maya', videos: { edges: [{ node: { id: 'v1' } }, { node: { id: 'v2' } }] } } };
    mergeAt(whole, ['creator', 'videos', 'edges', 1, 'node'], { caption: 'two' });
    mergeAt(whole, ['creator'], { videos: { edges: [{ node: { views: 1 } }] } });
    mergeAt(whole, ['creator'], null);
    expect(whole).toEqual({ creator: { handle: 'maya', videos: { edges: [{ node: { id: 'v1', views: 1 } }, { node: { id: 'v2', caption: 'two' } }] } } });
  });
});
