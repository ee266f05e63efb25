/**
 * Where every subscription through the gateway meets the others. Three levels:
 *
 * - an **upstream** per distinct (subgraph, primary operation, its variables, visibility): one
 *   subscription to the owning subgraph however many clients ask for it;
 * - a **group** per distinct (document, variables, visibility) on that upstream: each event is
 *   completed across the graph once for all its clients;
 * - a **client stream** per client subscription, with its own bounded buffer.
 *
 * A client's start position (`after`, `Last-Event-ID`) is its own and never part of what is
 * shared (see `position.ts`). A client resuming from an id the group still holds (its newest
 * completed events) is served them and joins; one resuming from further back catches up on a
 * subscription of its own, replayed from the subgraph's outbox, and joins the group once the
 * group holds everything after the last event it was handed. Every client gets exactly the
 * events after its own position, in order, once (a client drops an id it already has).
 *
 * Visibility is "public" when the document reaches no `@auth`/`@scopes` field: then the answer
 * is the same for every viewer and it is fetched as anonymous. Otherwise it is the viewer.
 */
import type { ServiceMap } from '@apollo/gateway';
import { GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Logger } from '@app/kit/log';
import { inSpan, tracingOn } from '@app/kit/tracing';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import type { GatewayContext } from '../context.ts';
import { ClientStream, eventNumber } from './client-stream.ts';
import { completeEvent } from './events.ts';
import { liveEventSpan } from '../tracing.ts';
import type { Admitted } from './admission.ts';
import type { SubscriptionPlan, SubscriptionPlanner } from './plan.ts';
import { Upstream, type UpstreamOptions, type UpstreamSubscription } from './upstream.ts';

export interface SubscriptionHubOptions {
  planner: SubscriptionPlanner;
  /** The gateway's data sources, by subgraph: the entity fetches of each event go through them. */
  serviceMap: () => ServiceMap;
  subgraphUrl: (service: string) => string;
  secret: string;
  logger: Logger;
  registry: Registry;
  /** How many events may wait for one client before it is disconnected as too slow. */
  maxBuffered: number;
  /** What a client sees of an error: the gateway's own formatting (masking, no suggestions in production). */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** How an upstream subscription is made: over SSE to the subgraph unless a test drives its own. */
  connectUpstream?: (options: UpstreamOptions) => UpstreamSubscription;
}

/** A result as clients receive it: errors formatted once, for every client of the group. */
export type DeliveredResult = Omit<ExecutionResult, 'errors'> & { errors?: GraphQLFormattedError[] };

export interface SubscribeRequest {
  document: DocumentNode;
  source: string;
  operationName: string | null | undefined;
  variables: Record<string, unknown>;
  context: GatewayContext;
  /** The event id to resume after (the root field's `after`, or SSE's `Last-Event-ID`); null for the next event. */
  position: string | null;
  /** Called when this client falls too far behind; the transport disconnects it. */
  onSlow: () => void;
  /** Called once when the client's stream closes, for whatever reason. */
  onClose?: () => void;
}

interface Group {
  key: string;
  plan: SubscriptionPlan;
  variables: Record<string, unknown>;
  viewer: Viewer;
  clientIp: string | null;
  /** Clients receiving the shared stream. */
  clients: Set<ClientStream>;
  /** Clients that resumed from a position the group does not hold yet, catching up on their own. */
  catchingUp: Set<CatchUp>;
  /** Events are completed and delivered one after another, in order. */
  chain: Promise<void>;
  upstream: UpstreamEntry;
  /** The group holds (in `recent`, or on its chain) every event after this id; null until the upstream says where it starts. */
  heldAfter: number | null;
  /** The newest completed events, oldest first: a client resuming from one of them is served from here. */
  recent: { number: number; result: DeliveredResult; at: number }[];
  /** A catch-up's own group: after each event it is handed, see whether its client can join the shared group. */
  afterEach?: () => void;
  /** Completed events not yet handed to the clients, oldest first, each with when it reached the gateway. */
  outgoing: { result: DeliveredResult; receivedAt: number }[];
  /** Whether events are being handed out now (`handOut`). */
  handing: boolean;
  /** Called once `outgoing` is empty and nothing is being handed out. */
  whenHandedOut: (() => void)[];
}

/**
 * How many hand-outs (an event to a client) one turn of the event loop makes: each is the client's
 * send (serializing, framing, the write), so a thousand at once would hold the loop for all of them.
 */
export const DELIVERY_CHUNK = 100;
/**
 * At most this many waiting events are handed to each client in one go. A client's events of one
 * turn leave in one write (`coalesced-writes.ts`), so a gateway that fell behind catches up with
 * fewer writes; at most a quarter of a client's buffer, which a batch must never fill by itself.
 */
export const DELIVERY_BATCH = 32;

interface UpstreamEntry {
  key: string;
  upstream: UpstreamSubscription;
  groups: Map<string, Group>;
}

/** A client resuming from further back than its group holds: its own upstream from its position, until it can join. */
interface CatchUp {
  client: ClientStream;
  /** The shared group it joins once that group holds everything after the client's position. */
  group: Group;
  /** The position as the client sent it (the subgraph refuses one that is not an id of the stream). */
  requested: string;
  own: { entry: UpstreamEntry; group: Group } | null;
  /** A join is queued on the group's chain. */
  joining: boolean;
}

/**
 * How many completed events a group keeps, and for how long, for clients that resume close to now
 * (a dropped connection comes back within seconds). Further back is the outbox's job: kept events
 * cost memory for as long as they are kept, and events can be large.
 */
export const RECENT_EVENTS = 1_000;
export const RECENT_EVENTS_MS = 30_000;

/** Who a viewer is for sharing purposes: everything but the per-request id. */
function visibilityOf(viewer: Viewer): string {
  const { requestId: _requestId, ...rest } = viewer;
  return JSON.stringify(rest);
}

function pick(variables: Record<string, unknown>, names: readonly string[] | undefined): Record<string, unknown> {
  return Object.fromEntries((names ?? []).filter((name) => variables[name] !== undefined).map((name) => [name, variables[name]]));
}

export class SubscriptionHub {
  private readonly upstreams = new Map<string, UpstreamEntry>();
  private readonly clients = new Set<ClientStream>();
  private readonly catchUps = new Set<CatchUp>();
  private accepting = true;
  private readonly delivered: Counter;
  private readonly slowDisconnected: Counter;
  private slowClients = 0;
  private readonly latency: Histogram;

  /** Events handed to each client in one go: DELIVERY_BATCH, or a quarter of a client's buffer if that is less. */
  private readonly batchSize: number;

  constructor(private readonly options: SubscriptionHubOptions) {
    this.batchSize = Math.max(1, Math.min(DELIVERY_BATCH, Math.floor(options.maxBuffered / 4)));
    const openClients = () => this.clients.size;
    const listeningClients = () => this.listeningSubscriptions;
    const openUpstreams = () => this.upstreams.size;
    new Gauge({
      name: 'graphql_subscriptions_open',
      help: 'Client subscriptions open at the gateway',
      registers: [options.registry],
      collect() {
        this.set(openClients());
      },
    });
    new Gauge({
      name: 'graphql_subscriptions_listening',
      help: 'Client subscriptions whose upstream has started: every later event reaches them',
      registers: [options.registry],
      collect() {
        this.set(listeningClients());
      },
    });
    new Gauge({
      name: 'graphql_upstream_subscriptions',
      help: 'Shared subscriptions from the gateway to subgraphs (one per distinct operation, variables and visibility)',
      registers: [options.registry],
      collect() {
        this.set(openUpstreams());
      },
    });
    this.delivered = new Counter({ name: 'graphql_subscription_events_delivered_total', help: 'Events handed to client subscriptions', registers: [options.registry] });
    this.slowDisconnected = new Counter({ name: 'graphql_subscription_slow_consumers_total', help: 'Client subscriptions disconnected for falling too far behind (SLOW_CONSUMER)', registers: [options.registry] });
    this.latency = new Histogram({
      name: 'graphql_subscription_delivery_seconds',
      help: 'From an event reaching the gateway to its completed answer being handed to its clients',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [options.registry],
    });
  }

  /** The API schema subscriptions are validated and executed against. */
  get apiSchema() {
    return this.options.planner.apiSchema;
  }

  /** Client subscriptions disconnected so far for reading too slowly. */
  get slowConsumers(): number {
    return this.slowClients;
  }

  /** A transport disconnected a client for not reading (a missed keep-alive): counted with those whose buffer filled. */
  countSlowConsumer(): void {
    this.slowClients++;
    this.slowDisconnected.inc();
  }

  get openSubscriptions(): number {
    return this.clients.size;
  }

  /**
   * Open client subscriptions that will miss no later event: their upstream has started (the
   * subgraph said where it starts), or they resume from a position of their own.
   */
  get listeningSubscriptions(): number {
    let count = this.catchUps.size;
    for (const entry of this.upstreams.values()) {
      if (!entry.upstream.listening) continue;
      for (const group of entry.groups.values()) count += group.clients.size;
    }
    return count;
  }

  get upstreamSubscriptions(): number {
    return this.upstreams.size;
  }

  /** Clients catching up on a subscription of their own before they join a shared one. */
  get catchingUpSubscriptions(): number {
    return this.catchUps.size;
  }

  /**
   * Starts an admitted subscription for one client, the same way on every transport: its slots go
   * back when its stream closes, or at once if it cannot start (then this throws).
   */
  start(admitted: Admitted, context: GatewayContext, onSlow: () => void, position: string | null = admitted.position): ClientStream {
    try {
      return this.subscribe({ document: admitted.document, source: admitted.source, operationName: admitted.operationName, variables: admitted.variables, position, context, onClose: admitted.release, onSlow });
    } catch (error) {
      admitted.release();
      throw error;
    }
  }

  /** Starts (or joins) the subscription; the stream ends when the upstream completes or the client leaves. */
  subscribe(request: SubscribeRequest): ClientStream {
    if (!this.accepting) throw new Error('The gateway is shutting down');
    const plan = this.options.planner.plan(request.document, request.source, request.operationName);
    const visibility = plan.viewerDependent ? visibilityOf(request.context.viewer) : 'public';
    const viewer = plan.viewerDependent ? request.context.viewer : anonymousViewer(request.context.viewer.requestId);
    const primaryVariables = pick(request.variables, plan.primary.variableUsages);
    const upstreamKey = [plan.primary.serviceName, plan.primary.operation, JSON.stringify(primaryVariables), visibility].join('\n');
    const entry = this.upstreams.get(upstreamKey) ?? this.openUpstream(upstreamKey, plan, primaryVariables, viewer);
    const groupKey = `${request.operationName ?? ''}\n${request.source}\n${JSON.stringify(request.variables)}`;
    let group = entry.groups.get(groupKey);
    if (!group) {
      const { upstream } = entry;
      group = {
        key: groupKey,
        plan,
        variables: request.variables,
        viewer,
        clientIp: request.context.clientIp ?? null,
        clients: new Set(),
        catchingUp: new Set(),
        chain: Promise.resolve(),
        upstream: entry,
        // Joining a running upstream: the group sees every event after the last one it dispatched.
        heldAfter: upstream.listening ? Number(upstream.lastEventId) : null,
        recent: [],
        outgoing: [],
        handing: false,
        whenHandedOut: [],
      };
      entry.groups.set(groupKey, group);
    }
    const joined = group;
    const after = request.position !== null && /^\d{1,15}$/.test(request.position) ? Number(request.position) : null;
    let catchUp: CatchUp | null = null;
    const client: ClientStream = new ClientStream({
      maxBuffered: this.options.maxBuffered,
      after,
      onSlow: () => {
        this.countSlowConsumer();
        request.onSlow();
      },
      onClose: () => {
        this.leave(joined, client, catchUp);
        request.onClose?.();
      },
    });
    this.clients.add(client);
    if (request.position === null) {
      joined.clients.add(client);
      return client;
    }
    catchUp = { client, group: joined, requested: request.position, own: null, joining: false };
    joined.catchingUp.add(catchUp);
    this.catchUps.add(catchUp);
    // A position that is not a number is the subgraph's to refuse, on the client's own upstream.
    if (after === null) this.catchUpAlone(catchUp);
    else this.join(catchUp);
    return client;
  }

  private openUpstream(key: string, plan: SubscriptionPlan, variables: Record<string, unknown>, viewer: Viewer): UpstreamEntry {
    const entry = this.upstreamEntry(key, plan, variables, viewer, null);
    this.upstreams.set(key, entry);
    entry.upstream.start();
    return entry;
  }

  private upstreamEntry(key: string, plan: SubscriptionPlan, variables: Record<string, unknown>, viewer: Viewer, catchUp: CatchUp | null): UpstreamEntry {
    const service = plan.primary.serviceName;
    const entry: UpstreamEntry = {
      key,
      groups: new Map(),
      upstream: (this.options.connectUpstream ?? ((options) => new Upstream(options)))({
        service,
        url: this.options.subgraphUrl(service),
        secret: this.options.secret,
        query: plan.primary.operation,
        variables,
        viewer,
        logger: this.options.logger,
        onResult: (result) => {
          const receivedAt = performance.now();
          for (const group of entry.groups.values()) this.deliver(group, result, receivedAt);
        },
        onListening: (eventId) => {
          if (catchUp) return;
          for (const group of entry.groups.values()) {
            group.heldAfter ??= Number(eventId);
            for (const waiting of group.catchingUp) this.joinIfHeld(waiting);
          }
        },
        onEnd: () => (catchUp ? this.endCatchUp(catchUp) : this.endUpstream(entry)),
      }),
    };
    return entry;
  }

  /** Whether the group still holds every event after `position`, up to what its upstream has seen. */
  private holds(group: Group, position: number | null): boolean {
    if (position === null || group.heldAfter === null || position < group.heldAfter) return false;
    const head = group.upstream.upstream.lastEventId;
    return head !== null && position <= Number(head) && this.upstreams.get(group.upstream.key) === group.upstream && group.upstream.groups.get(group.key) === group;
  }

  /**
   * Queued on the group's chain, behind every event the group has received so far: if the group
   * holds everything after the client's position, the client is handed those events from
   * `recent` and joins; otherwise it catches up on its own upstream.
   */
  private join(catchUp: CatchUp): void {
    const { group, client } = catchUp;
    catchUp.joining = true;
    group.chain = group.chain.then(() => {
      catchUp.joining = false;
      if (client.closed || !this.catchUps.has(catchUp)) return;
      const position = client.position;
      if (!this.holds(group, position)) {
        if (!catchUp.own) this.catchUpAlone(catchUp);
        return;
      }
      this.stopCatchUp(catchUp);
      for (const event of group.recent) if (event.number > (position as number)) client.push(event.result as ExecutionResult);
      if (!client.closed) group.clients.add(client);
    });
  }

  private joinIfHeld(catchUp: CatchUp): void {
    if (!catchUp.joining && this.holds(catchUp.group, catchUp.client.position)) this.join(catchUp);
  }

  /** The client's own upstream from its position, completed for it alone, until it can join. */
  private catchUpAlone(catchUp: CatchUp): void {
    const shared = catchUp.group;
    const entry = this.upstreamEntry('', shared.plan, pick(shared.variables, shared.plan.primary.variableUsages), shared.viewer, catchUp);
    const own: Group = {
      ...shared,
      key: '',
      clients: new Set([catchUp.client]),
      catchingUp: new Set(),
      chain: Promise.resolve(),
      upstream: entry,
      heldAfter: null,
      recent: [],
      outgoing: [],
      handing: false,
      whenHandedOut: [],
      afterEach: () => this.joinIfHeld(catchUp),
    };
    entry.groups.set('', own);
    catchUp.own = { entry, group: own };
    entry.upstream.lastEventId = String(catchUp.client.position ?? catchUp.requested);
    entry.upstream.start();
  }

  /** The client's own upstream completed (the stream ended, or it refused the position): so does the client. */
  private endCatchUp(catchUp: CatchUp): void {
    const own = catchUp.own;
    if (!own) return;
    own.group.chain = own.group.chain
      .then(() => this.handedOut(own.group))
      .then(() => {
        if (catchUp.own === own) catchUp.client.end();
      });
  }

  /** The client no longer catches up on its own: its own upstream stops. */
  private stopCatchUp(catchUp: CatchUp): void {
    this.catchUps.delete(catchUp);
    catchUp.group.catchingUp.delete(catchUp);
    const own = catchUp.own;
    catchUp.own = null;
    if (own) {
      own.group.clients.clear();
      void own.entry.upstream.stop();
    }
  }

  private deliver(group: Group, event: ExecutionResult, receivedAt: number): void {
    const eventId = event.extensions?.eventId;
    const complete = async () => {
      if (group.clients.size === 0 && group.catchingUp.size === 0) return;
      let result: ExecutionResult;
      if (event.data === null || event.data === undefined) {
        // The subgraph refused (an expired `after`, an unknown stream): pass its errors on.
        result = { errors: (event.errors ?? []).map((error) => new GraphQLError(error.message, { path: error.path, extensions: error.extensions })) };
      } else {
        // Completed from the subgraphs, not the entity cache: the event can arrive before the
        // answer to the write that made it, which is when the cache drops what the write changed.
        const context: GatewayContext = { viewer: { ...group.viewer, requestId: `${group.viewer.requestId.slice(0, 16)}-e${String(eventId ?? '')}` }, clientIp: group.clientIp, bypassEntityCache: true };
        result = await completeEvent({ planner: this.options.planner, serviceMap: this.options.serviceMap, logger: this.options.logger }, group.plan, event, group.variables, context);
      }
      const { errors: _errors, ...rest } = result;
      const delivered: DeliveredResult = {
        ...rest,
        ...(result.errors ? { errors: result.errors.map((error) => this.options.formatError(error.toJSON(), error)) } : {}),
        ...(eventId !== undefined ? { extensions: { ...result.extensions, eventId } } : {}),
      };
      // Held first: a client resuming while the event is being handed out is served it from here.
      const number = eventNumber(delivered as ExecutionResult);
      if (number !== null && !group.afterEach) {
        const now = performance.now();
        group.recent.push({ number, result: delivered, at: now });
        // What falls out of the window can no longer be served from here.
        while (group.recent.length > RECENT_EVENTS || (group.recent[0] as { at: number }).at < now - RECENT_EVENTS_MS) {
          group.heldAfter = (group.recent.shift() as { number: number }).number;
        }
      }
      group.outgoing.push({ result: delivered, receivedAt });
      this.handOut(group);
    };
    group.chain = group.chain
      // Each event is a trace of its own (`live.event`): its completion's fetches are under it.
      .then(() => (tracingOn() ? inSpan('live.event', liveEventSpan(group.plan, eventId, group.clients.size), complete) : complete()))
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'could not complete a subscription event'));
  }

  /**
   * Hands the group's completed events to its clients, in order, while the chain completes the
   * next ones. Events that wait together are handed to each client together (up to
   * DELIVERY_BATCH), DELIVERY_CHUNK hand-outs a turn: a group that fits is handed its events at
   * once; a larger one turns before each chunk, its first too, so one batch's last chunk and the
   * next batch's first share no turn. Clients are a snapshot per batch: one joining meanwhile was
   * served the batch from `recent` (an event a client already has is dropped by its stream).
   */
  private handOut(group: Group): void {
    if (group.handing) return;
    group.handing = true;
    const run = async () => {
      try {
        while (group.outgoing.length > 0) {
          const batch = group.outgoing.splice(0, this.batchSize);
          const results = batch.map((event) => event.result as ExecutionResult);
          const handed = group.clients.size;
          if (handed * results.length <= DELIVERY_CHUNK) {
            for (const client of group.clients) for (const result of results) client.push(result);
          } else {
            const clients = [...group.clients];
            const perTurn = Math.max(1, Math.floor(DELIVERY_CHUNK / results.length));
            for (let from = 0; from < clients.length; from += perTurn) {
              await new Promise<void>((resolve) => setImmediate(resolve));
              for (const client of clients.slice(from, from + perTurn)) for (const result of results) client.push(result);
            }
          }
          this.delivered.inc(handed * results.length);
          const now = performance.now();
          for (const event of batch) this.latency.observe((now - event.receivedAt) / 1000);
          group.afterEach?.();
        }
      } finally {
        group.handing = false;
        for (const resolve of group.whenHandedOut.splice(0)) resolve();
      }
    };
    void run().catch((error: unknown) => this.options.logger.error({ err: error }, 'could not hand a subscription event out'));
  }

  /** Resolves once every completed event of the group has been handed to its clients. */
  private handedOut(group: Group): Promise<void> {
    if (!group.handing && group.outgoing.length === 0) return Promise.resolve();
    return new Promise((resolve) => group.whenHandedOut.push(resolve));
  }

  /** The subgraph completed: every client gets what is already on its way, then completes. */
  private endUpstream(entry: UpstreamEntry): void {
    this.upstreams.delete(entry.key);
    for (const group of entry.groups.values()) {
      group.chain = group.chain
        .then(() => this.handedOut(group))
        .then(() => {
          for (const client of [...group.clients]) client.end();
        });
    }
  }

  private leave(group: Group, client: ClientStream, catchUp: CatchUp | null): void {
    this.clients.delete(client);
    group.clients.delete(client);
    if (catchUp) this.stopCatchUp(catchUp);
    if (group.clients.size > 0 || group.catchingUp.size > 0) return;
    const entry = group.upstream;
    entry.groups.delete(group.key);
    if (entry.groups.size === 0 && this.upstreams.get(entry.key) === entry) {
      this.upstreams.delete(entry.key);
      void entry.upstream.stop();
    }
  }

  /** At shutdown: no new subscriptions; every open one completes (its clients are told), upstreams stop. */
  async close(): Promise<void> {
    this.accepting = false;
    for (const client of [...this.clients]) client.end();
    const own = [...this.catchUps].flatMap((catchUp) => (catchUp.own ? [catchUp.own.entry] : []));
    await Promise.all([...this.upstreams.values(), ...own].map((entry) => entry.upstream.stop()));
    this.upstreams.clear();
  }
}
