import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { coalesceWrites } from './coalesced-writes.ts';

/** A WebSocket pair on loopback: the server side, its TCP socket, and what the client receives. */
async function pair() {
  const server = http.createServer();
  const wss = new WebSocketServer({ server });
  const accepted = new Promise<{ socket: WebSocket; tcp: Socket }>((resolve) => wss.on('connection', (socket, request) => resolve({ socket, tcp: request.socket as Socket })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const received: string[] = [];
  client.on('message', (data) => received.push(String(data)));
  await new Promise((resolve) => client.once('open', resolve));
  const { socket, tcp } = await accepted;
  // Every write the TCP socket makes, one or many chunks at a time.
  let writes = 0;
  const tcpWrites = tcp as unknown as { _write: (...args: unknown[]) => void; _writev: (...args: unknown[]) => void };
  for (const method of ['_write', '_writev'] as const) {
    const original = tcpWrites[method].bind(tcp);
    tcpWrites[method] = (...args: unknown[]) => {
      writes++;
      original(...args);
    };
  }
  const close = async () => {
    client.terminate();
    wss.close();
    await new Promise((resolve) => server.close(resolve));
  };
  return { socket, tcp, received, writes: () => writes, close };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

let closing: (() => Promise<void>) | null = null;
afterEach(async () => {
  await closing?.();
  closing = null;
});

describe("a WebSocket's frames of one turn", () => {
  it('leave in one write, in order, each callback answered at once', async () => {
    const connection = await pair();
    closing = connection.close;
    coalesceWrites(connection.socket, connection.tcp);
    let answered = 0;
    // Each frame sent only once the one before it was answered, as graphql-ws does.
    const sendAll = async () => {
      for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => connection.socket.send(`event ${i}`, () => (answered++, resolve())));
    };
    await sendAll();
    expect(answered).toBe(10);
    await until(() => connection.received.length === 10);
    expect(connection.received).toEqual(Array.from({ length: 10 }, (_, i) => `event ${i}`));
    expect(connection.writes()).toBe(1);
  });

  it('wait for their write past the queued bytes, so a client that does not read is still held back', async () => {
    const connection = await pair();
    closing = connection.close;
    coalesceWrites(connection.socket, connection.tcp, 1_000);
    const order: string[] = [];
    connection.socket.send('x'.repeat(2_000), () => order.push('big'));
    connection.socket.send('small', () => order.push('small'));
    order.push('sent');
    await until(() => order.length === 3 && connection.received.length === 2);
    // The first was answered at once; the second found 2,000 bytes queued and waited for the write.
    expect(order).toEqual(['big', 'sent', 'small']);
    expect(connection.received.map((text) => text.length)).toEqual([2_000, 5]);
  });

  it('pass a send on a socket that is no longer open to the socket, which answers it with an error', async () => {
    const connection = await pair();
    closing = connection.close;
    coalesceWrites(connection.socket, connection.tcp);
    connection.socket.close();
    const error = await new Promise<Error | undefined>((resolve) => connection.socket.send('late', resolve));
    expect(error).toBeInstanceOf(Error);
  });
});
