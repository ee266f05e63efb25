/**
 * A WebSocket's frames of one turn of the event loop go out in one write.
 *
 * A LIVE event is one small frame per client, and each frame sent on its own is a system call
 * and a TCP segment: with a thousand subscribers that is most of the gateway's CPU (measured:
 * `writev` alone took 28 % of it under the hot-stream storm). When the gateway falls behind, the
 * hub hands each client several events in one turn (`hub.ts`); here they leave as one write.
 *
 * How: the first frame of a turn corks the connection's TCP socket and the end of the turn
 * (`process.nextTick`, after the microtasks in which graphql-ws sends) uncorks it, so Node
 * writes everything queued in between with one `writev`. graphql-ws waits for each `send`'s
 * callback before it reads the client's next event, and a corked frame's write only completes at
 * the uncork: so while little is queued for the connection the callback is answered at once.
 * Past `maxQueuedBytes` it waits for the write as before, and a client that does not read still
 * fills its event buffer and is disconnected as too slow (`client-stream.ts`): the bytes Node
 * holds for one connection stay bounded.
 */
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** Bytes a connection may have queued in Node before a send waits for its write again. */
export const COALESCED_MAX_QUEUED_BYTES = 32 * 1024;

type SendCallback = (error?: Error) => void;

export function coalesceWrites(socket: WebSocket, tcp: Pick<Socket, 'cork' | 'uncork'>, maxQueuedBytes = COALESCED_MAX_QUEUED_BYTES): void {
  const send = socket.send.bind(socket) as (data: unknown, options: object, callback?: SendCallback) => void;
  let corked = false;
  const uncork = () => {
    corked = false;
    tcp.uncork();
  };
  socket.send = ((data: unknown, optionsOrCallback?: object | SendCallback, maybeCallback?: SendCallback) => {
    const options = typeof optionsOrCallback === 'object' ? optionsOrCallback : {};
    const callback = typeof optionsOrCallback === 'function' ? (optionsOrCallback as SendCallback) : maybeCallback;
    // A socket that is not open answers the send itself (an error to the callback, or a throw).
    if (socket.readyState !== socket.OPEN) return send(data, options, callback);
    if (!corked) {
      corked = true;
      tcp.cork();
      process.nextTick(uncork);
    }
    if (callback === undefined || socket.bufferedAmount >= maxQueuedBytes) return send(data, options, callback);
    // Queued, and little is: the sender may go on. A write that fails later closes the socket,
    // which ends the client's subscriptions; there is no one left to tell.
    send(data, options, () => undefined);
    callback();
  }) as WebSocket['send'];
}
