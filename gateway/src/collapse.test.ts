import type { Fetcher } from '@apollo/utils.fetcher';
import { describe, expect, it } from 'vitest';
import { encodeViewer, VIEWER_HEADER, type Viewer } from '@app/kit/viewer';
import { collapseKey, useCollapsedReads } from './collapse.ts';

const viewer = (userId: string | null, requestId: string): Viewer => ({ userId, partnerId: null, keyId: null, scopes: [], country: null, requestId });
const read = JSON.stringify({ query: 'query Feed__content__0 { feed { id } }' });
const write = JSON.stringify({ query: 'mutation Follow__users__0 { follow(userId: "u") { id } }' });

describe('the collapse key', () => {
  it('is the same for one read by one viewer whatever the request id, and differs by viewer, body and subgraph', () => {
    const key = collapseKey('http://users/graphql', encodeViewer(viewer('u1', 'r1')), read);
    expect(key).not.toBeNull();
    expect(collapseKey('http://users/graphql', encodeViewer(viewer('u1', 'r2')), read)).toBe(key);
    expect(collapseKey('http://users/graphql', encodeViewer(viewer('u2', 'r1')), read)).not.toBe(key);
    expect(collapseKey('http://users/graphql', encodeViewer(viewer(null, 'r1')), read)).not.toBe(key);
    expect(collapseKey('http://content/graphql', encodeViewer(viewer('u1', 'r1')), read)).not.toBe(key);
    expect(collapseKey('http://users/graphql', encodeViewer(viewer('u1', 'r1')), JSON.stringify({ query: '{ feed { id caption } }' }))).not.toBe(key);
  });

  it('is null for a mutation: writes are never shared', () => {
    expect(collapseKey('http://users/graphql', undefined, write)).toBeNull();
  });
});

describe('collapsed reads', () => {
  /** A subgraph answering after `release()`, counting its requests. */
  function slowSubgraph() {
    let calls = 0;
    const waiting: (() => void)[] = [];
    const fetcher: Fetcher = async (_input, init) => {
      calls++;
      await new Promise<void>((resolve) => waiting.push(resolve));
      return new Response(JSON.stringify({ data: { echo: init?.body, call: calls } }), { status: 200 }) as unknown as Awaited<ReturnType<Fetcher>>;
    };
    return { fetcher, calls: () => calls, release: () => waiting.splice(0).forEach((resolve) => resolve()) };
  }
  const init = (body: string, who: Viewer) => ({ method: 'POST', headers: { [VIEWER_HEADER]: encodeViewer(who) }, body });

  it('share one fetch among identical reads in flight, each caller reading its own copy', async () => {
    const subgraph = slowSubgraph();
    const fetch = useCollapsedReads(subgraph.fetcher);
    const answers = Array.from({ length: 5 }, (_, i) => fetch('http://content/graphql', init(read, viewer(null, `r${i}`))));
    await new Promise((resolve) => setImmediate(resolve));
    subgraph.release();
    const bodies = await Promise.all((await Promise.all(answers)).map((response) => response.json()));
    expect(subgraph.calls()).toBe(1);
    expect(bodies.every((body) => JSON.stringify(body) === JSON.stringify(bodies[0]))).toBe(true);
    // Once answered, the next identical read is a new fetch.
    const later = fetch('http://content/graphql', init(read, viewer(null, 'r9')));
    await new Promise((resolve) => setImmediate(resolve));
    subgraph.release();
    await later;
    expect(subgraph.calls()).toBe(2);
  });

  it('never share a write, nor a read across viewers', async () => {
    const subgraph = slowSubgraph();
    const fetch = useCollapsedReads(subgraph.fetcher);
    const answers = [
      fetch('http://users/graphql', init(write, viewer('u1', 'r1'))),
      fetch('http://users/graphql', init(write, viewer('u1', 'r2'))),
      fetch('http://users/graphql', init(read, viewer('u1', 'r3'))),
      fetch('http://users/graphql', init(read, viewer('u2', 'r4'))),
    ];
    await new Promise((resolve) => setImmediate(resolve));
    subgraph.release();
    await Promise.all(answers);
    expect(subgraph.calls()).toBe(4);
  });
});
