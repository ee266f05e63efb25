import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { deferredRequest } from './deferred.ts';
import { DEFERRED_PROFILE, withoutDefer } from './screens.ts';

const part = (payload: unknown, last = false) => `content-type: application/json; charset=utf-8\r\n\r\n${JSON.stringify(payload)}\r\n---${last ? '--' : ''}\r\n`;

let server: http.Server | null = null;
/** Closes the server now, kept-alive connections too. */
const closed = (closing: http.Server) =>
  new Promise<void>((resolve) => {
    closing.close(() => resolve());
    closing.closeAllConnections();
  });
afterEach(async () => {
  if (server) await closed(server);
  server = null;
});

/** A server answering as Apollo Server writes incremental delivery: the initial part at once, the rest after `delayMs`. */
async function serving(parts: unknown[], delayMs: number): Promise<string> {
  server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'multipart/mixed; boundary="-"; deferSpec=20220824' });
    res.write(`\r\n---\r\n${part(parts[0])}`);
    setTimeout(() => {
      parts.slice(1).forEach((payload, i) => res.write(part(payload, i === parts.length - 2)));
      res.end();
    }, delayMs);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/`;
}

describe('deferredRequest', () => {
  it('times the initial payload apart from the last one', async () => {
    const url = await serving([{ data: { creator: { handle: 'maya' } }, hasNext: true }, { incremental: [{ data: { videos: [] }, path: ['creator'], label: 'videos' }], hasNext: false }], 400);
    const times = await deferredRequest(url, DEFERRED_PROFILE, { handle: 'maya' });
    expect(times.parts).toBe(2);
    // The last part comes 400 ms after the initial one: an initial payload timed only at the end would show about none.
    expect(times.lastMs - times.initialMs).toBeGreaterThanOrEqual(200);
  });

  it('refuses an answer whose deferred part has errors, or that never says hasNext: false', async () => {
    const failing = await serving([{ data: { creator: { handle: 'maya' } }, hasNext: true }, { incremental: [{ data: null, path: ['creator'], errors: [{ message: 'down' }] }], hasNext: false }], 0);
    await expect(deferredRequest(failing, DEFERRED_PROFILE, {})).rejects.toThrow(/with errors/);
    await closed(server!);
    const unfinished = await serving([{ data: {}, hasNext: true }, { incremental: [], hasNext: true }], 0);
    await expect(deferredRequest(unfinished, DEFERRED_PROFILE, {})).rejects.toThrow(/hasNext/);
  });
});

describe('withoutDefer', () => {
  it('keeps every field of the deferred profile and drops every @defer', () => {
    const plain = withoutDefer(DEFERRED_PROFILE);
    expect(plain).not.toContain('@defer');
    expect(plain.replace(/\s+/g, '')).toBe(DEFERRED_PROFILE.replace(/\.\.\. @defer\(label: "\w+"\) \{/g, '... {').replace(/\s+/g, ''));
    expect(plain.match(/\.\.\. \{/g)).toHaveLength(3);
  });
});
