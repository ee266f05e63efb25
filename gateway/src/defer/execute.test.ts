import { readFileSync } from 'node:fs';
import type { GraphQLDataSource, ServiceMap } from '@apollo/gateway';
import { GraphQLError, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@app/kit/log';
import { executeDeferred, errorsAdded, type SubsequentBatch } from './execute.ts';
import { DeferPlanner } from './plan.ts';

const planner = new DeferPlanner(readFileSync(new URL('../../../schema/supergraph.graphql', import.meta.url), 'utf8'));
const logger = createLogger('test', { level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Representation = { __typename: string; id: string };
type Answer = (query: string, variables: Record<string, unknown>) => unknown;

/** A subgraph that answers after `delayMs`, logging when each fetch starts and ends. */
function subgraph(name: string, answer: Answer, log: string[], delayMs = 0): GraphQLDataSource {
  return {
    async process({ request }) {
      log.push(`${name} start`);
      await sleep(delayMs);
      log.push(`${name} end`);
      const data = answer(request.query ?? '', (request.variables ?? {}) as Record<string, unknown>);
      if (data instanceof GraphQLError) throw data;
      return { data } as never;
    },
  };
}

const entities = (variables: Record<string, unknown>, each: (representation: Representation) => unknown) => ({ _entities: (variables.representations as Representation[]).map(each) });

/** Users knows the creator; content their videos; commerce their showcase and each video's products. */
function graph(log: string[], overrides: Partial<Record<'users' | 'content' | 'commerce', Answer>> = {}, delays: Partial<Record<string, number>> = {}): ServiceMap {
  return {
    users: subgraph('users', overrides.users ?? (() => ({ creator: { __typename: 'Creator', id: 'c1', handle: 'maya' } })), log, delays.users),
    content: subgraph(
      'content',
      overrides.content ?? ((_query, variables) => entities(variables, () => ({ videos: { edges: [{ node: { __typename: 'Video', id: 'v1' } }, { node: { __typename: 'Video', id: 'v2' } }] } }))),
      log,
      delays.content,
    ),
    commerce: subgraph(
      'commerce',
      overrides.commerce ??
        ((query, variables) =>
          entities(variables, (representation) =>
            query.includes('showcase') ? { showcase: { edges: [{ node: { title: 'Skillet' } }] } } : { products: [{ title: `${representation.id} pick` }] },
          )),
      log,
      delays.commerce,
    ),
  };
}

async function run(source: string, serviceMap: ServiceMap, variables: Record<string, unknown> = { id: 'c1' }) {
  const document = parse(source);
  const prepared = planner.prepare(document, source, null);
  const requestContext = { request: { query: source, variables }, context: {}, logger, metrics: {}, document, source } as never;
  const execution = await executeDeferred({ planner, prepared, serviceMap, requestContext, variables });
  const batches: SubsequentBatch[] = [];
  if (execution.subsequent) for await (const batch of execution.subsequent) batches.push(batch);
  return { initial: execution.initial, batches };
}

const PROFILE = `query ($id: ID!) {
  creator(id: $id) {
    handle
    ... @defer(label: "videos") { videos(first: 2) { edges { node { id ... @defer(label: "products") { products { title } } } } } }
    ... @defer { showcase(first: 1) { edges { node { title } } } }
  }
}`;

describe('running a deferred query part by part', () => {
  it('answers the primary part alone, then each deferred fragment at its path, a nested one after its parent, hasNext false last', async () => {
    const { initial, batches } = await run(PROFILE, graph([]), { id: 'c1' });
    expect(initial).toEqual({ data: { creator: { handle: 'maya' } } });
    const items = batches.flatMap((batch) => batch.incremental);
    expect(items).toContainEqual({ data: { showcase: { edges: [{ node: { title: 'Skillet' } }] } }, path: ['creator'] });
    expect(items).toContainEqual({ data: { videos: { edges: [{ node: { id: 'v1' } }, { node: { id: 'v2' } }] } }, path: ['creator'], label: 'videos' });
    expect(items).toContainEqual({ data: { products: [{ title: 'v1 pick' }] }, path: ['creator', 'videos', 'edges', 0, 'node'], label: 'products' });
    expect(items).toContainEqual({ data: { products: [{ title: 'v2 pick' }] }, path: ['creator', 'videos', 'edges', 1, 'node'], label: 'products' });
    const position = (label: string | undefined) => items.findIndex((item) => item.label === label);
    expect(position('videos')).toBeLessThan(position('products'));
    expect(batches.map((batch) => batch.hasNext)).toEqual([...batches.slice(1).map(() => true), false]);
  });

  it('fetches each subgraph request once, however many parts run on the primary part’s answer', async () => {
    const log: string[] = [];
    await run(PROFILE, graph(log));
    expect(log.filter((entry) => entry === 'users start')).toHaveLength(1);
    expect(log.filter((entry) => entry === 'content start')).toHaveLength(1);
    // Showcase and the videos' products: two different commerce fetches.
    expect(log.filter((entry) => entry === 'commerce start')).toHaveLength(2);
  });

  it('starts deferred fetches once the primary answered, in parallel with each other', async () => {
    const log: string[] = [];
    const started = performance.now();
    const source = 'query ($id: ID!) { creator(id: $id) { handle ... @defer { videos(first: 2) { edges { node { id } } } } ... @defer { showcase(first: 1) { edges { node { title } } } } } }';
    const { batches } = await run(source, graph(log, {}, { users: 20, content: 150, commerce: 150 }));
    const elapsed = performance.now() - started;
    expect(log.slice(0, 2)).toEqual(['users start', 'users end']);
    expect(log.slice(2, 4).sort()).toEqual(['commerce start', 'content start']);
    // One after the other they would take 320 ms.
    expect(elapsed).toBeLessThan(300);
    expect(batches.flatMap((batch) => batch.incremental)).toHaveLength(2);
  });

  it('sends the initial payload before a slow deferred fetch answers', async () => {
    const source = 'query ($id: ID!) { creator(id: $id) { handle ... @defer { showcase(first: 1) { edges { node { title } } } } } }';
    const document = parse(source);
    const prepared = planner.prepare(document, source, null);
    const log: string[] = [];
    const requestContext = { request: { query: source, variables: { id: 'c1' } }, context: {}, logger, metrics: {}, document, source } as never;
    const execution = await executeDeferred({ planner, prepared, serviceMap: graph(log, {}, { commerce: 100 }), requestContext, variables: { id: 'c1' } });
    expect(execution.initial.data).toEqual({ creator: { handle: 'maya' } });
    expect(log).not.toContain('commerce end');
    for await (const _batch of execution.subsequent!) void _batch;
    expect(log).toContain('commerce end');
  });

  it('gives a deferred fragment whose subgraph fails its errors, and still sends the others', async () => {
    const failing = graph([], { commerce: () => new GraphQLError('The commerce service is unavailable; data from it is missing.', { path: ['creator'], extensions: { code: 'SERVICE_UNAVAILABLE', service: 'commerce' } }) });
    const source = 'query ($id: ID!) { creator(id: $id) { handle ... @defer(label: "shop") { showcase(first: 1) { edges { node { title } } } } ... @defer(label: "videos") { videos(first: 2) { edges { node { id } } } } } }';
    const { initial, batches } = await run(source, failing);
    expect(initial.errors).toBeUndefined();
    const items = batches.flatMap((batch) => batch.incremental);
    const shop = items.find((item) => item.label === 'shop')!;
    expect(shop.data).toEqual({ showcase: null });
    expect(shop.errors?.map((error) => error.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
    const videos = items.find((item) => item.label === 'videos')!;
    expect(videos.data).toEqual({ videos: { edges: [{ node: { id: 'v1' } }, { node: { id: 'v2' } }] } });
    expect(videos.errors).toBeUndefined();
  });

  it('keeps a primary part’s error in the initial payload only', async () => {
    const failing = graph([], { users: () => new GraphQLError('The users service is unavailable; data from it is missing.', { extensions: { code: 'SERVICE_UNAVAILABLE', service: 'users' } }) });
    const { initial, batches } = await run(PROFILE, failing);
    expect(initial.data).toEqual({ creator: null });
    expect(initial.errors?.map((error) => error.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
    // Nothing is left to complete: one last payload says so.
    expect(batches).toEqual([{ incremental: [], hasNext: false }]);
  });

  it('folds a fragment whose @defer(if:) is false into its parent’s part', async () => {
    const source = 'query ($id: ID!, $later: Boolean!) { creator(id: $id) { handle ... @defer(if: $later, label: "shop") { showcase(first: 1) { edges { node { title } } } } } }';
    const now = await run(source, graph([]), { id: 'c1', later: false });
    expect(now.initial.data).toEqual({ creator: { handle: 'maya', showcase: { edges: [{ node: { title: 'Skillet' } }] } } });
    expect(now.batches).toEqual([]);
    const later = await run(source, graph([]), { id: 'c1', later: true });
    expect(later.initial.data).toEqual({ creator: { handle: 'maya' } });
    expect(later.batches.flatMap((batch) => batch.incremental).map((item) => item.label)).toEqual(['shop']);
  });
});

describe('the errors a deferred part adds', () => {
  it('are those of its run that its parent’s run did not have, counted as often as they occur', () => {
    const error = (message: string, path: string[]) => new GraphQLError(message, { path });
    const parent = [error('a', ['x'])];
    expect(errorsAdded([error('a', ['x']), error('b', ['y']), error('a', ['x'])], parent).map((added) => added.message)).toEqual(['b', 'a']);
  });
});
