import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { pumpEventStream } from './sse.ts';

describe('the event-stream pump', () => {
  it('lets go of a stream whose reader stopped reading and left while the socket was full', async () => {
    let returned = false;
    let sent = 0;
    async function* messages() {
      try {
        // Far more than socket buffers hold, so the pump ends up waiting on backpressure.
        for (;;) {
          sent++;
          yield `event: next\ndata: ${'x'.repeat(64 * 1024)}\n\n`;
        }
      } finally {
        returned = true;
      }
    }
    let pumped!: Promise<void>;
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      pumped = pumpEventStream(res, messages());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const reader = net.connect(port, '127.0.0.1');
    reader.write('GET / HTTP/1.1\r\nhost: 127.0.0.1\r\naccept: text/event-stream\r\n\r\n');
    // Reads nothing: the server's writes fill the socket and the pump waits for a drain.
    reader.pause();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sentBeforeLeaving = sent;
    expect(sentBeforeLeaving).toBeGreaterThan(1);
    reader.destroy();
    await Promise.race([pumped, new Promise((_, reject) => setTimeout(() => reject(new Error('the pump still waits for a drain')), 5_000))]);
    expect(returned).toBe(true);
    expect(sent - sentBeforeLeaving).toBeLessThanOrEqual(1);
    await new Promise((resolve) => server.close(resolve));
  });
});
