import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from './log.ts';
import { createPeerClient } from './peers.ts';
import { anonymousViewer } from './viewer.ts';

/** An owner that answers whatever the test sets, as a subgraph answers `_entities`. */
let answer: object = {};
const owner = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  });
});
let peers: ReturnType<typeof createPeerClient>;

beforeAll(async () => {
  await new Promise<void>((resolve) => owner.listen(0, '127.0.0.1', resolve));
  const { port } = owner.address() as AddressInfo;
  peers = createPeerClient({ urls: { commerce: `http://127.0.0.1:${port}/graphql` }, secret: 'peers-test-secret-0123456789abcdef', timeoutMs: 5_000, logger: createLogger('peers', { level: 'silent' }) });
});
afterAll(() => new Promise<void>((resolve) => owner.close(() => resolve())));

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  throw new Error('not refused');
}

describe('the peers client', () => {
  const ask = () => peers.entities('commerce', 'Creator', ['u1', 'u2'], 'sampleFulfilment { rate }', anonymousViewer());

  it('answers the entities in order', async () => {
    answer = { data: { _entities: [{ sampleFulfilment: { rate: 1 } }, null] } };
    expect(await ask()).toEqual([{ sampleFulfilment: { rate: 1 } }, null]);
  });

  it("passes on the owner's refusal of the caller with its code, not as an outage", async () => {
    answer = {
      data: { _entities: [{ sampleFulfilment: null }, { sampleFulfilment: null }] },
      errors: [{ message: 'For brands running campaigns.', path: ['_entities', 0, 'sampleFulfilment'], extensions: { code: 'FORBIDDEN', reason: 'NOT_THE_CREATOR' } }],
    };
    expect(await codeOf(ask())).toEqual({ code: 'FORBIDDEN', reason: 'NOT_THE_CREATOR', service: 'commerce' });
    answer = { errors: [{ message: 'Sign in.', extensions: { code: 'UNAUTHENTICATED' } }] };
    expect(await codeOf(ask())).toMatchObject({ code: 'UNAUTHENTICATED', service: 'commerce' });
  });

  it('is SERVICE_UNAVAILABLE for any other error or a malformed answer', async () => {
    answer = { data: { _entities: [null, null] }, errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
    expect(await codeOf(ask())).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'commerce' });
    answer = { data: { _entities: [null] } };
    expect(await codeOf(ask())).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'commerce' });
  });
});
