import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mutationsWithoutAccess } from './access.ts';

const supergraph = readFileSync(new URL('./supergraph.graphql', import.meta.url), 'utf8');

describe('authorization in the composed schema', () => {
  it('puts @auth or @scopes on every mutation of the supergraph', () => {
    expect(supergraph).toMatch(/type Mutation/);
    expect(mutationsWithoutAccess(supergraph)).toEqual([]);
  });

  it('names a mutation that has no authorization directive', () => {
    const sdl = `
      directive @auth on FIELD_DEFINITION | OBJECT
      directive @scopes(anyOf: [[String!]!]!) on FIELD_DEFINITION | OBJECT
      type Query { a: Int }
      type Mutation { guarded: Int @auth, scoped: Int @scopes(anyOf: [["x"]]), open: Int }
    `;
    expect(mutationsWithoutAccess(sdl)).toEqual(['Mutation.open']);
  });

  it('keeps the directives in the supergraph with their spec link, so the gateway and routers see them', () => {
    expect(supergraph).toContain('@link(url: "https://specs.video-commerce.dev/access/v0.1", import: ["@auth", "@scopes"])');
    expect(supergraph).toMatch(/updateProduct\(.*\): Product .*@scopes\(anyOf: \[\["catalog:write"\]\]\)/);
  });
});
