import { describe, expect, it } from 'vitest';
import { ClientStream } from './client-stream.ts';

const event = (n: number) => ({ data: { n } });

describe('a client’s stream of events', () => {
  it('hands events over in order, waiting when none is queued, and completes after what is queued', async () => {
    let closed = 0;
    const stream = new ClientStream({ maxBuffered: 10, onSlow: () => undefined, onClose: () => closed++ });
    const waiting = stream.next();
    stream.push(event(1));
    expect(await waiting).toEqual({ done: false, value: event(1) });
    stream.push(event(2));
    stream.push(event(3));
    stream.end();
    expect(closed).toBe(1);
    expect(await stream.next()).toEqual({ done: false, value: event(2) });
    expect(await stream.next()).toEqual({ done: false, value: event(3) });
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it('calls a client too slow once more than maxBuffered events wait, and never blocks the pusher', () => {
    let slow = 0;
    const stream = new ClientStream({ maxBuffered: 3, onSlow: () => slow++, onClose: () => undefined });
    for (let n = 1; n <= 3; n += 1) stream.push(event(n));
    expect(slow).toBe(0);
    stream.push(event(4));
    stream.push(event(5));
    expect(slow).toBe(1);
    expect(stream.buffered).toBe(5);
  });

  it('lets a client that leaves go at once, even while it waits, and drops what it had not read', async () => {
    let closed = 0;
    const stream = new ClientStream({ maxBuffered: 10, onSlow: () => undefined, onClose: () => closed++ });
    const waiting = stream.next();
    await stream.return();
    expect(await waiting).toEqual({ done: true, value: undefined });
    stream.push(event(1));
    expect(stream.buffered).toBe(0);
    expect(closed).toBe(1);
  });

  it('never hands a client an event at or before its position: the seam between catching up and the shared stream may carry one twice', async () => {
    const stream = new ClientStream({ maxBuffered: 10, onSlow: () => undefined, onClose: () => undefined, after: 2 });
    const numbered = (id: number) => ({ data: { id }, extensions: { eventId: String(id) } });
    for (const id of [1, 2, 3, 4, 3, 4, 5]) stream.push(numbered(id));
    stream.push({ errors: [{ message: 'not an event' }] } as never);
    stream.end();
    const handed: unknown[] = [];
    for await (const result of stream) handed.push(result.extensions?.eventId ?? 'error');
    expect(handed).toEqual(['3', '4', '5', 'error']);
    expect(stream.position).toBe(5);
  });
});
