import { describe, expect, it } from 'vitest';
import type { Viewer } from '@app/kit/viewer';
import { collapseKey, useCollapsedReads, viewerKey } from './collapse.ts';

const viewer = (userId: string | null, requestId: string): Viewer => ({ userId, partnerId: null, keyId: null, scopes: [], country: null, requestId });
const readQuery = 'query Feed__content__0 { feed { id } }';
const read = JSON.stringify({ query: readQuery });
const writeQuery = 'mutation Follow__users__0 { follow(userId: "u") { id } }';

describe('the collapse key', () => {
  it('is the same for one read by one viewer whatever the request id, and differs by viewer and body', () => {
    const key = collapseKey(viewerKey(viewer('u1', 'r1')), readQuery, read);
    expect(key).not.toBeNull();
    expect(collapseKey(viewerKey(viewer('u1', 'r2')), readQuery, read)).toBe(key);
    expect(collapseKey(viewerKey(viewer('u2', 'r1')), readQuery, read)).not.toBe(key);
    expect(collapseKey(viewerKey(viewer(null, 'r1')), readQuery, read)).not.toBe(key);
    expect(collapseKey(viewerKey({ ...viewer('u1', 'r1'), scopes: ['catalog:write'] }), readQuery, read)).not.toBe(key);
    expect(collapseKey(viewerKey(viewer('u1', 'r1')), readQuery, JSON.stringify({ query: readQuery, variables: { first: 2 } }))).not.toBe(key);
  });

  it('differs across an invalidation of the entity cache: a read after a write never shares a fetch from before it', () => {
    const who = viewerKey(viewer('u1', 'r1'));
    expect(collapseKey(who, readQuery, read, 7)).toBe(collapseKey(who, readQuery, read, 7));
    expect(collapseKey(who, readQuery, read, 8)).not.toBe(collapseKey(who, readQuery, read, 7));
  });

  it('is null for a mutation: writes are never shared', () => {
    expect(collapseKey(viewerKey(viewer('u1', 'r1')), writeQuery, JSON.stringify({ query: writeQuery }))).toBeNull();
    expect(collapseKey(viewerKey(viewer('u1', 'r1')), '{ feed { id } }', '{}')).not.toBeNull();
  });
});

describe('collapsed reads', () => {
  /** A subgraph answering after `release()`, counting its requests. */
  function slowSubgraph() {
    let calls = 0;
    const waiting: (() => void)[] = [];
    const fetch = async () => {
      calls++;
      const call = calls;
      await new Promise<void>((resolve) => waiting.push(resolve));
      return JSON.stringify({ data: { call } });
    };
    return { fetch, calls: () => calls, release: () => waiting.splice(0).forEach((resolve) => resolve()) };
  }

  it('share one fetch among identical reads in flight', async () => {
    const subgraph = slowSubgraph();
    const share = useCollapsedReads<string>();
    const answers = Array.from({ length: 5 }, () => share('same', subgraph.fetch));
    await new Promise((resolve) => setImmediate(resolve));
    subgraph.release();
    expect(new Set(await Promise.all(answers))).toEqual(new Set(['{"data":{"call":1}}']));
    expect(subgraph.calls()).toBe(1);
    // Once answered, the next identical read is a new fetch.
    const later = share('same', subgraph.fetch);
    await new Promise((resolve) => setImmediate(resolve));
    subgraph.release();
    expect(await later).toBe('{"data":{"call":2}}');
  });

  it('never share what has no key, nor reads with different keys; a failure reaches every sharer once and is not kept', async () => {
    const subgraph = slowSubgraph();
    const share = useCollapsedReads<string>();
    const answers = [share(null, subgraph.fetch), share(null, subgraph.fetch), share('a', subgraph.fetch), share('b', subgraph.fetch)];
    await new Promise((resolve) => setImmediate(resolve));
    subgraph.release();
    await Promise.all(answers);
    expect(subgraph.calls()).toBe(4);
    const failing = () => Promise.reject(new Error('down'));
    await expect(Promise.all([share('c', failing), share('c', failing)])).rejects.toThrow('down');
    expect(await share('c', async () => 'up')).toBe('up');
  });

  it('never let a read that starts after a write was answered join a read in flight since before it', async () => {
    const subgraph = slowSubgraph();
    const share = useCollapsedReads<string>();
    const before = share('same', subgraph.fetch);
    // A write (no key) to the same subgraph is answered while that read is in flight.
    await share(null, async () => 'written');
    const after = share('same', subgraph.fetch);
    const alongside = share('same', subgraph.fetch);
    await new Promise((resolve) => setImmediate(resolve));
    subgraph.release();
    expect(await before).toBe('{"data":{"call":1}}');
    expect(await after).toBe('{"data":{"call":2}}');
    // Reads after the same write still share among themselves.
    expect(await alongside).toBe('{"data":{"call":2}}');
    expect(subgraph.calls()).toBe(2);
  });
});
