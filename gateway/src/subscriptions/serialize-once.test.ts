import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { serializeOnce } from './serialize-once.ts';

/** A socket that keeps what it was sent. */
function fakeSocket() {
  const sent: string[] = [];
  const socket = { send: (data: string) => void sent.push(data) } as unknown as WebSocket;
  return { socket, sent };
}

/** What graphql-ws does for each client: serialize the whole message with the server's replacer, then send it. */
function sendNext(once: ReturnType<typeof serializeOnce>, socket: WebSocket, id: string, result: object) {
  socket.send(JSON.stringify({ id, type: 'next', payload: once.remember(result) }, once.replacer));
}

describe("a LIVE event's payload", () => {
  it('is serialized once for every client, each client getting its own envelope and the whole payload', () => {
    const once = serializeOnce();
    let serialized = 0;
    const event = {
      get data() {
        serialized++;
        return { liveGiftEvents: { id: '42', note: 'a "quoted" $& and \\u0000live-payload' } };
      },
    };
    const clients = [fakeSocket(), fakeSocket(), fakeSocket()];
    for (const client of clients) once.wrap(client.socket);
    clients.forEach((client, i) => sendNext(once, client.socket, `sub-${i}`, event));
    expect(serialized).toBe(1);
    clients.forEach((client, i) => expect(JSON.parse(client.sent[0]!)).toEqual({ id: `sub-${i}`, type: 'next', payload: { data: { liveGiftEvents: { id: '42', note: 'a "quoted" $& and \\u0000live-payload' } } } }));
  });

  it('leaves every other message as graphql-ws wrote it, even one whose id looks like the placeholder', () => {
    const once = serializeOnce();
    const { socket, sent } = fakeSocket();
    once.wrap(socket);
    socket.send(JSON.stringify({ type: 'connection_ack' }, once.replacer));
    socket.send(JSON.stringify({ id: 'x', type: 'error', payload: [{ message: 'no' }] }, once.replacer));
    sendNext(once, socket, '\u0000live-payload', { data: { n: 1 } });
    expect(sent.map((text) => JSON.parse(text))).toEqual([{ type: 'connection_ack' }, { id: 'x', type: 'error', payload: [{ message: 'no' }] }, { id: '\u0000live-payload', type: 'next', payload: { data: { n: 1 } } }]);
  });
});
