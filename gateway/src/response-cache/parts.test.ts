import { describe, expect, it } from 'vitest';
import { ResponseParts } from './parts.ts';

describe("what an operation's fetches say about keeping its response", () => {
  it('keeps it for the shortest max age among its parts, capped, under every tag they showed', () => {
    const parts = new ResponseParts();
    parts.tags.add('Product:1');
    parts.kept(30);
    parts.tags.add('Brand:1').add('Product[]');
    parts.kept(12.7);
    parts.kept(undefined);
    expect(parts.verdict(300)).toEqual({ maxAgeSeconds: 12, tags: ['Product:1', 'Brand:1', 'Product[]'] });
    expect(parts.verdict(5)?.maxAgeSeconds).toBe(5);
  });

  it('keeps nothing when one part could not be kept, whatever the others', () => {
    const parts = new ResponseParts();
    parts.kept(30);
    parts.notKept();
    parts.kept(30);
    expect(parts.verdict(300)).toBeNull();
  });

  it('keeps nothing that asked no subgraph, nor what would live less than a second', () => {
    expect(new ResponseParts().verdict(300)).toBeNull();
    const parts = new ResponseParts();
    parts.kept(0.5);
    expect(parts.verdict(300)).toBeNull();
  });
});
