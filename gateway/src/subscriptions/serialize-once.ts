/**
 * A LIVE event is one object for every client of its group (`hub.ts`), but graphql-ws serializes
 * the whole `next` message once per socket: with a thousand subscribers, a thousand
 * serializations of the same payload. Here the payload is serialized once per event and each
 * client's message is its small envelope with that text put in.
 *
 * How, inside graphql-ws: `onNext` remembers the result's text (the first client's turn makes it),
 * the server's `jsonMessageReplacer` answers a placeholder string for that payload, and the
 * socket's `send`, which graphql-ws calls right after serializing (the same synchronous step),
 * puts the text where the placeholder is. Any other message passes through untouched.
 */
import type { WebSocket } from 'ws';

const PLACEHOLDER = '\u0000live-payload';
/** The placeholder as JSON writes it. */
const PLACEHOLDER_JSON = JSON.stringify(PLACEHOLDER);

export function serializeOnce() {
  const texts = new WeakMap<object, string>();
  /** The payload text of the message being serialized right now; taken by the send that follows. */
  let pending: string | null = null;
  return {
    /** Called for each client's result: its text is made the first time only. */
    remember<T extends object>(result: T): T {
      if (!texts.has(result)) texts.set(result, JSON.stringify(result));
      return result;
    },
    /** graphql-ws's `jsonMessageReplacer`: a remembered payload becomes the placeholder. */
    replacer(this: unknown, key: string, value: unknown): unknown {
      if (key !== 'payload' || value === null || typeof value !== 'object') return value;
      const text = texts.get(value);
      if (text === undefined) return value;
      pending = text;
      return PLACEHOLDER;
    },
    /** Makes the socket put the payload's text in place of the placeholder as it sends. */
    wrap(socket: WebSocket): void {
      const send = socket.send.bind(socket) as (data: unknown, callback?: (error?: Error) => void) => void;
      socket.send = ((data: unknown, callback?: (error?: Error) => void) => {
        if (pending !== null && typeof data === 'string') {
          const text = pending;
          pending = null;
          // The payload is the message's last member: its placeholder is the last one in the text.
          const at = data.lastIndexOf(PLACEHOLDER_JSON);
          if (at >= 0) return send(data.slice(0, at) + text + data.slice(at + PLACEHOLDER_JSON.length), callback);
          return send(data, callback);
        }
        return send(data, callback);
      }) as WebSocket['send'];
    },
  };
}
