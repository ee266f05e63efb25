import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DeferPlanner, descendantsOf, mentionsDefer, partsOf } from './plan.ts';

const planner = new DeferPlanner(readFileSync(new URL('../../../schema/supergraph.graphql', import.meta.url), 'utf8'));
const prepare = (source: string, operationName: string | null = null) => planner.prepare(parse(source), source, operationName);

describe('planning a query with @defer', () => {
  it('labels every @defer the client left unlabelled, and shows only the client’s labels', () => {
    const prepared = prepare('{ creator(handle: "maya") { handle ... @defer { bio } ... @defer(label: "defer0") { videoCount } } }');
    const labels = [...prepared.deferrals].map(([label, { shown }]) => ({ label, shown }));
    expect(labels).toEqual([
      { label: 'defer1', shown: false },
      { label: 'defer0', shown: true },
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
    expect(videos).toMatchObject({ label: 'videos', queryPath: ['creator'] });
    expect(JSON.stringify(videos!.node)).toMatch(/"serviceName":"content"/);
    const [products] = videos!.children;
    expect(products).toMatchObject({ label: 'products', queryPath: ['creator', 'videos', 'edges', 'node'] });
    expect([...products!.included]).toEqual(['videos', 'products']);
    expect(descendantsOf(root).map((part) => part.label)).toEqual(['videos', 'products']);
  });

  it('reads @defer(if: $variable) with the request’s variables', () => {
    const prepared = prepare('query ($id: ID!, $later: Boolean!) { creator(id: $id) { handle ... @defer(if: $later, label: "shop") { showcase { edges { node { title } } } } } }');
    expect(partsOf(prepared.plan, { id: 'c1', later: true }).children.map((part) => part.label)).toEqual(['shop']);
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
