import { readFileSync } from 'node:fs';
import { buildASTSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fetchShapes, type FetchShape } from './shapes.ts';
import { supergraphEntities } from './tags.ts';

const document = parse(readFileSync(new URL('../../../schema/supergraph.graphql', import.meta.url), 'utf8'));
const entities = supergraphEntities(document);
const shapeOf = fetchShapes(buildASTSchema(document, { assumeValid: true, assumeValidSDL: true }), entities);

function tagsOf(shape: FetchShape, data: Record<string, unknown>): string[] | null {
  if (shape.kind !== 'root') throw new Error(`a root fetch expected, got ${shape.kind}`);
  const tags = new Set<string>();
  return shape.tags(data, tags) ? [...tags].sort() : null;
}

describe('the entities of the supergraph', () => {
  it('are the types some subgraph gives a key, with the key their tags use', () => {
    expect(entities.get('Product')).toEqual(['id']);
    expect(entities.get('Creator')).toEqual(['id']);
    expect(entities.get('Brand')).toEqual(['id']);
    expect(entities.has('Money')).toBe(false);
    expect(entities.has('PageInfo')).toBe(false);
  });
});

describe('a fetch at the root', () => {
  it('is tagged with every entity its answer shows, nested ones and aliased fields included, lists only when there are any', () => {
    const shape = shapeOf('query ProductPage__commerce__0($id:ID!){product(id:$id){__typename id title brand{id name} other:brand{id}}}');
    expect(tagsOf(shape, { product: { __typename: 'Product', id: 'p1', title: 't', brand: { id: 'b1', name: 'B' }, other: { id: 'b2' } } })).toEqual(['Brand:b1', 'Brand:b2', 'Product:p1']);
    expect(tagsOf(shape, { product: null })).toEqual([]);
  });

  it('is tagged with the lists of entities it holds, which a write creating one of them drops', () => {
    const shape = shapeOf('{brands(first:2){edges{node{id name}}pageInfo{hasNextPage}}}');
    expect(tagsOf(shape, { brands: { edges: [{ node: { id: 'b1', name: 'A' } }, { node: { id: 'b2', name: 'B' } }], pageInfo: { hasNextPage: true } } })).toEqual(['Brand:b1', 'Brand:b2', 'Brand[]']);
    const tagged = shapeOf('query($id:ID!){video(id:$id){id products{id}}}');
    expect(tagsOf(tagged, { video: { id: 'v1', products: [{ id: 'p1' }, { id: 'p2' }] } })).toEqual(['Product:p1', 'Product:p2', 'Product[]', 'Video:v1']);
  });

  it('cannot be tagged when it shows an entity without its key, so it is never kept', () => {
    expect(tagsOf(shapeOf('{product(id:"p1"){title brand{name}}}'), { product: { title: 't', brand: { name: 'B' } } })).toBeNull();
    // Without the entity in the answer there is nothing to miss.
    expect(tagsOf(shapeOf('{product(id:"p1"){title brand{name}}}'), { product: null })).toEqual([]);
  });

  it('follows named fragments', () => {
    const shape = shapeOf('query{product(id:"p1"){...Card}} fragment Card on Product{id brand{...BrandName}} fragment BrandName on Brand{id name}');
    expect(tagsOf(shape, { product: { id: 'p1', brand: { id: 'b1', name: 'B' } } })).toEqual(['Brand:b1', 'Product:p1']);
  });

  it('is a write when it is a mutation, never kept', () => {
    expect(shapeOf('mutation($id:ID!){updateProduct(input:{id:$id}){id}}').kind).toBe('write');
    expect(shapeOf('not graphql').kind).toBe('not-kept');
  });
});

describe('an entity fetch', () => {
  const VIDEOS_AND_CREATORS = 'query Feed__commerce__1($representations:[_Any!]!){_entities(representations:$representations){...on Video{products{id title price{amount}}}...on Creator{showcase(first:2){edges{node{id}}}}}}';

  function selection(query: string, typename: string) {
    const shape = shapeOf(query);
    if (shape.kind !== 'entities') throw new Error(`an entity fetch expected, got ${shape.kind}`);
    return shape.selectionFor(typename);
  }

  it('names what it selects of each type, the same in any operation that selects the same', () => {
    const video = selection(VIDEOS_AND_CREATORS, 'Video')!;
    expect(video.keyFields).toEqual(['id']);
    expect(selection(VIDEOS_AND_CREATORS, 'Creator')!.key).not.toBe(video.key);
    expect(selection('query Other__commerce__3($representations:[_Any!]!){_entities(representations:$representations){...on Video{products{id title price{amount}}}}}', 'Video')!.key).toBe(video.key);
    expect(selection('query($representations:[_Any!]!){_entities(representations:$representations){...on Video{products{id title}}}}', 'Video')!.key).not.toBe(video.key);
  });

  it('tags each entity with what it shows besides itself, without lists (their owner is named instead)', () => {
    const video = selection(VIDEOS_AND_CREATORS, 'Video')!;
    const tags = new Set<string>();
    expect(video.tags({ products: [{ id: 'p1', title: 't', price: { amount: 1 } }] }, tags)).toBe(true);
    expect([...tags]).toEqual(['Product:p1']);
  });

  it('has nothing to keep for a representation of a type that is no entity, or unknown', () => {
    expect(selection(VIDEOS_AND_CREATORS, 'Money')).toBeNull();
    expect(selection(VIDEOS_AND_CREATORS, 'Nothing')).toBeNull();
  });
});
