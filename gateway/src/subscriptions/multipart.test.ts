import http from 'node:http';
import { GraphQLError, parse } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { listen, type RunningHttpServer } from '@app/kit/http';
import { createLogger } from '@app/kit/log';
import { anonymousViewer } from '@app/kit/viewer';
import { DEFAULT_SUBSCRIPTION_CAPS, OpenCounts, type subscriptionAdmission } from './admission.ts';
import { ClientStream } from './client-stream.ts';
import { SubscriptionHub, type SubscribeRequest } from './hub.ts';
import { acceptsMultipartSubscription, CLOSING, eventPart, HEARTBEAT_PART, MULTIPART_CONTENT_TYPE, multipartTransport, OPENING, transportErrorPart } from './multipart.ts';

const APOLLO_CLIENT_ACCEPT = 'multipart/mixed;boundary=graphql;subscriptionSpec=1.0,application/graphql-response+json,application/json;q=0.9';

describe('multipart framing', () => {
  it('frames parts as Apollo’s spec has them, each write ending with the next delimiter so a client reads the part at once', () => {
    const headers = '\r\ncontent-type: application/json; charset=utf-8\r\n\r\n';
    expect(OPENING).toBe(`\r\n--graphql${headers}`);
    expect(eventPart({ data: { n: 1 } })).toBe(`{"payload":{"data":{"n":1}}}\r\n--graphql${headers}`);
    expect(HEARTBEAT_PART).toBe(`{}\r\n--graphql${headers}`);
    expect(transportErrorPart([{ message: 'bye', extensions: { code: 'SERVICE_UNAVAILABLE' } }])).toBe('{"payload":null,"errors":[{"message":"bye","extensions":{"code":"SERVICE_UNAVAILABLE"}}]}\r\n--graphql--\r\n');
    expect(CLOSING).toBe('{}\r\n--graphql--\r\n');
    expect(MULTIPART_CONTENT_TYPE).toBe('multipart/mixed;boundary="graphql";subscriptionSpec="1.0"');
  });

  it('recognizes the Accept Apollo Client sends for a subscription, quoted or not, and nothing else', () => {
    expect(acceptsMultipartSubscription(APOLLO_CLIENT_ACCEPT)).toBe(true);
    expect(acceptsMultipartSubscription('multipart/mixed;subscriptionSpec="1.0", application/json')).toBe(true);
    expect(acceptsMultipartSubscription('multipart/mixed;deferSpec=20220824, application/json')).toBe(false);
    expect(acceptsMultipartSubscription('multipart/mixed;subscriptionSpec=1.01')).toBe(false);
    expect(acceptsMultipartSubscription('application/json')).toBe(false);
    expect(acceptsMultipartSubscription('text/event-stream')).toBe(false);
    expect(acceptsMultipartSubscription(undefined)).toBe(false);
  });
});

/** The body's JSON parts, split as Apollo Client splits them, and whether the closing delimiter came. */
function partsOf(body: string): { parts: unknown[]; closed: boolean } {
  const pieces = body.split('\r\n--graphql');
  expect(pieces[0]).toBe('');
  const closed = pieces.at(-1) === '--\r\n';
  const parts = pieces.slice(1, closed ? -1 : undefined).map((piece) => {
    const [head, json] = piece.split('\r\n\r\n');
    expect(head).toBe('\r\ncontent-type: application/json; charset=utf-8');
    return JSON.parse(json as string);
  });
  return { parts, closed };
}

/** The transport over a fake hub and admission: each subscribe hands out a ClientStream the test feeds. */
async function harness(admit: 'ok' | GraphQLError[] = 'ok') {
  const streams: { stream: ClientStream; request: SubscribeRequest }[] = [];
  let held = 0;
  const hub = {
    subscribe(request: SubscribeRequest) {
      const stream = new ClientStream({ maxBuffered: 2, onSlow: request.onSlow, onClose: () => request.onClose?.() });
      streams.push({ stream, request });
      return stream;
    },
    // The real one: how every transport turns an admission into a subscription.
    start: SubscriptionHub.prototype.start,
  } as unknown as SubscriptionHub;
  const admission = {
    admit: async () => {
      if (admit !== 'ok') return { ok: false, errors: admit };
      held += 1;
      let released = false;
      const release = () => {
        if (!released) held -= 1;
        released = true;
      };
      return { ok: true, document: parse('subscription { ticks }'), source: 'subscription { ticks }', operationName: null, variables: {}, position: '4', release };
    },
    refusal: (message: string, code: string) => [new GraphQLError(message, { extensions: { code } })],
  } as unknown as ReturnType<typeof subscriptionAdmission>;
  const connections = new OpenCounts();
  const transport = multipartTransport({
    hub,
    admission,
    contextOf: () => ({ viewer: anonymousViewer(), clientIp: '127.0.0.1' }),
    clientAddressOf: () => '127.0.0.1',
    caps: { ...DEFAULT_SUBSCRIPTION_CAPS, connectionsPerIp: 2 },
    connections,
    maxBodyBytes: 10_000,
    logger: createLogger('test', { level: 'silent' }),
    heartbeatMs: 100,
  });
  const server = await listen(
    async (req, res) => {
      if (!(await transport.route(req, res))) res.writeHead(404).end('not mine');
    },
    0,
    '127.0.0.1',
  );
  running.push(server);
  const post = (accept = APOLLO_CLIENT_ACCEPT, body: unknown = { query: 'subscription { ticks(after: "4") }' }) =>
    fetch(`${server.url}graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify(body) });
  return { transport, streams, post, url: `${server.url}graphql`, connections, held: () => held };
}

const running: RunningHttpServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
};

describe('the multipart transport', () => {
  it('streams each event as a payload part with heartbeats while idle, ends with the closing delimiter, and gives the slots back', async () => {
    const { streams, post, connections, held } = await harness();
    const response = await post();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(MULTIPART_CONTENT_TYPE);
    await until(() => streams.length === 1);
    expect(streams[0]!.request.position).toBe('4');
    const stream = streams[0]!.stream;
    stream.push({ data: { ticks: 5 }, extensions: { eventId: '5' } });
    await new Promise((resolve) => setTimeout(resolve, 250));
    stream.push({ data: { ticks: 6 }, extensions: { eventId: '6' } });
    stream.end();
    const { parts, closed } = partsOf(await response.text());
    expect(closed).toBe(true);
    const events = parts.filter((part) => Object.keys(part as object).length > 0);
    expect(events).toEqual([{ payload: { data: { ticks: 5 }, extensions: { eventId: '5' } } }, { payload: { data: { ticks: 6 }, extensions: { eventId: '6' } } }]);
    // At least one heartbeat in the quiet quarter-second between the two events.
    expect(parts.filter((part) => Object.keys(part as object).length === 0).length).toBeGreaterThanOrEqual(1);
    await until(() => held() === 0 && connections.total === 0);
  });

  it('answers a refusal before the stream as the SSE transport does: the status by code, the errors with their codes, readable by Apollo Client whatever the status', async () => {
    const { post, connections } = await harness([new GraphQLError('Too many open subscriptions', { extensions: { code: 'SUBSCRIPTION_LIMIT_REACHED' } })]);
    const response = await post();
    expect(response.status).toBe(429);
    expect(response.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('SUBSCRIPTION_LIMIT_REACHED');
    const plain = await post('multipart/mixed;subscriptionSpec="1.0", application/json');
    expect(plain.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(plain.status).toBe(429);
    await plain.text();
    const bad = await post(APOLLO_CLIENT_ACCEPT, ['not', 'a', 'request']);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
    expect(connections.total).toBe(0);
  });

  it('leaves requests without the multipart subscription Accept to the other routes', async () => {
    const { post } = await harness();
    const response = await post('application/json');
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('not mine');
  });

  it('ends the client stream and gives its slots back when the client goes away', async () => {
    const { streams, url, connections, held } = await harness();
    // node:http rather than fetch: a client that drops its socket, and no spare connection left behind.
    const request = http.request(url, { method: 'POST', headers: { accept: APOLLO_CLIENT_ACCEPT, 'content-type': 'application/json' } });
    const status = new Promise<number | undefined>((resolve) => request.once('response', (response) => resolve(response.statusCode)));
    request.on('error', () => undefined);
    request.end(JSON.stringify({ query: 'subscription { ticks }' }));
    expect(await status).toBe(200);
    await until(() => streams.length === 1 && held() === 1);
    request.destroy();
    await until(() => streams[0]!.stream.closed && held() === 0 && connections.total === 0);
  });

  it('ends a slow reader’s response with a SLOW_CONSUMER transport error, and every stream at shutdown with SERVICE_UNAVAILABLE', async () => {
    const { transport, streams, post, held } = await harness();
    const slow = await post();
    const stopping = await post();
    await until(() => streams.length === 2);
    // What the hub does when more events wait for a client than it may buffer.
    streams[0]!.request.onSlow();
    const slowParts = partsOf(await slow.text());
    expect(slowParts.closed).toBe(true);
    expect(slowParts.parts.at(-1)).toMatchObject({ payload: null, errors: [{ extensions: { code: 'SLOW_CONSUMER' } }] });

    transport.close();
    const stoppedParts = partsOf(await stopping.text());
    expect(stoppedParts.closed).toBe(true);
    expect(stoppedParts.parts.at(-1)).toMatchObject({ payload: null, errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
    await until(() => held() === 0);
    const refused = await post();
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('refuses an address over its connection cap with 429 CONNECTION_LIMIT_REACHED', async () => {
    const { streams, post, transport } = await harness();
    const open = [await post(), await post()];
    await until(() => streams.length === 2);
    const third = await post();
    expect(third.status).toBe(429);
    expect(((await third.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('CONNECTION_LIMIT_REACHED');
    transport.close();
    await Promise.all(open.map((response) => response.text()));
  });
});
