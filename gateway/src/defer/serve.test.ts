import { describe, expect, it } from 'vitest';
import { acceptsDeferredParts } from './serve.ts';

describe('whether a client reads deferred parts', () => {
  it('is yes for the deferSpec=20220824 media type, as Apollo Client sends it', () => {
    expect(acceptsDeferredParts('multipart/mixed;deferSpec=20220824,application/graphql-response+json,application/json;q=0.9')).toBe(true);
    expect(acceptsDeferredParts('multipart/mixed; deferSpec=20220824')).toBe(true);
  });

  it('is no for a client that reads one JSON response, or prefers another multipart format', () => {
    expect(acceptsDeferredParts(undefined)).toBe(false);
    expect(acceptsDeferredParts('application/json')).toBe(false);
    expect(acceptsDeferredParts('*/*')).toBe(false);
    expect(acceptsDeferredParts('multipart/mixed')).toBe(false);
    expect(acceptsDeferredParts('multipart/mixed;boundary=graphql;subscriptionSpec=1.0,application/json')).toBe(false);
    expect(acceptsDeferredParts('multipart/mixed;incrementalSpec=v0.2,application/json;q=0.9')).toBe(false);
    expect(acceptsDeferredParts('multipart/mixed;deferSpec=20220824;q=0.5,multipart/mixed;incrementalSpec=v0.2')).toBe(false);
  });
});
