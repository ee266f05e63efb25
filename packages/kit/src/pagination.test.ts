import { describe, expect, it } from 'vitest';
import { connectionOf, encodeCursor, pageGroup, readPage, toConnection, type Page } from './pagination.ts';

const cursor = encodeCursor([5, 'b']);
const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
const keyOf = (row: { id: string }) => [row.id];

describe('reading a page', () => {
  it('reads first/after by default, 20 at a time', () => {
    expect(readPage({}, 2)).toEqual({ first: 20, after: null });
    expect(readPage({ first: 3, after: cursor }, 2)).toEqual({ first: 3, after: [5, 'b'] });
  });

  it('reads last/before on a list that offers them, and refuses them on one that does not', () => {
    expect(readPage({ last: 3, before: cursor }, 2, { backward: true })).toEqual({ first: 3, after: null, backward: { before: [5, 'b'] } });
    expect(readPage({ last: 3 }, 2, { backward: true })).toEqual({ first: 3, after: null, backward: { before: null } });
    expect(() => readPage({ last: 3 }, 2)).toThrow(/pages forward only/);
  });

  it('refuses both directions at once, sizes out of range and cursors it never gave, naming the argument', () => {
    for (const [args, argument] of [
      [{ first: 2, last: 2 }, 'last'],
      [{ after: cursor, before: cursor }, 'last'],
      [{ last: 101 }, 'last'],
      [{ last: -1 }, 'last'],
      [{ before: 'nope' }, 'before'],
      [{ first: 101 }, 'first'],
    ] as const) {
      expect(() => readPage(args, 2, { backward: true }), JSON.stringify(args)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument }) }));
    }
  });

  it('groups pages that ask for the same rows, and tells the directions apart', () => {
    expect(pageGroup(readPage({ first: 2 }, 1))).toBe(pageGroup(readPage({ first: 2 }, 1)));
    expect(pageGroup(readPage({ first: 2 }, 1))).not.toBe(pageGroup(readPage({ last: 2 }, 1, { backward: true })));
  });
});

describe('a connection from a page of rows', () => {
  it('forward: the extra row says there is a next page; a cursor says there is a previous one', () => {
    const connection = toConnection(rows, { first: 2, after: ['x'] }, keyOf);
    expect(connection.edges.map((edge) => edge.node.id)).toEqual(['a', 'b']);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true, startCursor: encodeCursor(['a']), endCursor: encodeCursor(['b']) });
    expect(toConnection(rows.slice(0, 2), { first: 2, after: null }, keyOf).pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('backward: rows read nearest the cursor first come out in list order; the extra row says there is a previous page', () => {
    const connection = toConnection(rows, { first: 2, after: null, backward: { before: ['z'] } }, keyOf);
    expect(connection.edges.map((edge) => edge.node.id)).toEqual(['b', 'a']);
    expect(connection.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true, startCursor: encodeCursor(['b']), endCursor: encodeCursor(['a']) });
    expect(toConnection(rows.slice(0, 1), { first: 2, after: null, backward: { before: null } }, keyOf).pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: false });
  });
});

describe('a connection from arguments, through one helper', () => {
  const list = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
  /** A store's read of a list kept in id order: forward from `after`, or back from `before` nearest first. */
  const read = async (page: Page) => {
    if (page.backward) {
      const before = page.backward.before?.[0];
      return list.filter((row) => before === undefined || row.id < String(before)).reverse().slice(0, page.first + 1);
    }
    const after = page.after?.[0];
    return list.filter((row) => after === undefined || row.id > String(after)).slice(0, page.first + 1);
  };

  it('pages both ways by default: the last two, then the two before them', async () => {
    const end = await connectionOf({ last: 2 }, { arity: 1, keyOf }, read);
    expect(end.edges.map((edge) => edge.node.id)).toEqual(['d', 'e']);
    expect(end.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const earlier = await connectionOf({ last: 2, before: end.pageInfo.startCursor }, { arity: 1, keyOf }, read);
    expect(earlier.edges.map((edge) => edge.node.id)).toEqual(['b', 'c']);
    expect(earlier.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const forward = await connectionOf({ first: 2, after: earlier.pageInfo.endCursor }, { arity: 1, keyOf }, read);
    expect(forward.edges.map((edge) => edge.node.id)).toEqual(['d', 'e']);
  });

  it('refuses last/before on a forward-only list with its reason, before reading anything', async () => {
    let reads = 0;
    const counted = async (page: Page) => (reads++, read(page));
    const refusal = connectionOf({ last: 2 }, { arity: 1, keyOf, forwardOnly: 'it is ranked by relevance' }, counted);
    await expect(refusal).rejects.toThrow(/forward only \(it is ranked by relevance\)/);
    await expect(refusal).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'last' } });
    await expect(connectionOf({ first: 1, last: 1 }, { arity: 1, keyOf }, counted)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(reads).toBe(0);
  });
});
