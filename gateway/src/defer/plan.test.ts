import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DeferPlanner, descendantsOf, mentionsDefer, partsOf } from './plan.ts';

const planner = new DeferPlanner(readFileSync(new URL('../../../schema/supergraph.graphql', import.meta.url), 'utf8'));
const prepare = (source: string, operationName: string | null = null) => planner.prepare(parse(source), source, operationName);

describe('planning a query with @defer', () => {
  it('labels every @defer its own way, keeping the client’s label to show', () => {
    const prepared = prepare('{ creator(handle: "maya") { handle ... @defer { bio } ... @defer(label: "count") { videoCount } } }');
    expect([...prepared.deferrals.values()].map(({ label }) => label)).toEqual([undefined, 'count']);
    expect(new Set(prepared.deferrals.keys()).size).toBe(2);
  });

  it('writes out a fragment that defers, once per place it is spread, so each place is a part of its own', () => {
    const prepared = prepare('{ a: creator(handle: "maya") { ...F } b: creator(handle: "leo") { ...F ...Plain } } fragment F on Creator { handle ... @defer(label: "bio") { bio } } fragment Plain on Creator { id }');
    expect(Object.keys(prepared.fragments)).toEqual(['Plain']);
    const root = partsOf(prepared.plan, {});
    expect(root.children.map((part) => [part.queryPath, prepared.deferrals.get(part.label!)?.label]).sort()).toEqual([
      [['a'], 'bio'],
      [['b'], 'bio'],
    ]);
  });

  it('splits the response into the primary part and deferred parts, a nested one under its parent', () => {
    const prepared = prepare(
      'query ($id: ID!) { creator(id: $id) { handle ... @defer(label: "videos") { videos { edges { node { id ... @defer(label: "products") { products { title } } } } } } } }',
    );
    const root = partsOf(prepared.plan, { id: 'c1' });
    expect(root.label).toBeNull();
    expect(JSON.stringify(root.node)).toMatch(/"serviceName":"users"/);
    const [videos] = root.children;
    const shown = (label: string | null) => prepared.deferrals.get(label!)?.label;
    expect(shown(videos!.label)).toBe('videos');
    expect(videos!.queryPath).toEqual(['creator']);
    expect(JSON.stringify(videos!.node)).toMatch(/"serviceName":"content"/);
    const [products] = videos!.children;
    expect(shown(products!.label)).toBe('products');
    expect(products!.queryPath).toEqual(['creator', 'videos', 'edges', 'node']);
    expect([...products!.included]).toEqual([videos!.label, products!.label]);
    expect(descendantsOf(root).map((part) => shown(part.label))).toEqual(['videos', 'products']);
  });

  it('reads @defer(if: $variable) with the request’s variables', () => {
    const prepared = prepare('query ($id: ID!, $later: Boolean!) { creator(id: $id) { handle ... @defer(if: $later, label: "shop") { showcase { edges { node { title } } } } } }');
    expect(partsOf(prepared.plan, { id: 'c1', later: true }).children.map((part) => prepared.deferrals.get(part.label!)?.label)).toEqual(['shop']);
    const now = partsOf(prepared.plan, { id: 'c1', later: false });
    expect(now.children).toEqual([]);
    expect(JSON.stringify(now.node)).toMatch(/"serviceName":"commerce"/);
  });

  it('caches a prepared document by its text and operation name', () => {
    const source = 'query A { creator(handle: "maya") { ... @defer { bio } } } query B { creator(handle: "maya") { handle } }';
    expect(prepare(source, 'A')).toBe(prepare(source, 'A'));
    expect(prepare(source, 'B').operation.name?.value).toBe('B');
  });

  it('tells a document that defers from one that only says the word', () => {
    const deferring = '{ creator(handle: "@defer") { ... @defer { bio } } }';
    const saying = '{ creator(handle: "@defer") { bio } }';
    expect(mentionsDefer(deferring, parse(deferring))).toBe(true);
    expect(mentionsDefer(saying, parse(saying))).toBe(false);
  });
});
