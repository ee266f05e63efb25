/**
 * Where every subscription through the gateway meets the others. Three levels:
 *
 * - an **upstream** per distinct (subgraph, primary operation, its variables, visibility): one
 *   subscription to the owning subgraph however many clients ask for it;
 * - a **group** per distinct (document, variables, visibility) on that upstream: each event is
 *   completed across the graph once for all its clients;
 * - a **client stream** per client subscription, with its own bounded buffer.
 *
 * Visibility is "public" when the document reaches no `@auth`/`@scopes` field: then the answer
 * is the same for every viewer and it is fetched as anonymous. Otherwise it is the viewer.
 */
import type { ServiceMap } from '@apollo/gateway';
import { GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Logger } from '@app/kit/log';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import type { GatewayContext } from '../context.ts';
import { ClientStream } from './client-stream.ts';
import { completeEvent } from './events.ts';
import type { SubscriptionPlan, SubscriptionPlanner } from './plan.ts';
import { Upstream } from './upstream.ts';

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
}

/** A result as clients receive it: errors formatted once, for every client of the group. */
export type DeliveredResult = Omit<ExecutionResult, 'errors'> & { errors?: GraphQLFormattedError[] };

export interface SubscribeRequest {
  document: DocumentNode;
  source: string;
  operationName: string | null | undefined;
  variables: Record<string, unknown>;
  context: GatewayContext;
  /** Resume after this event id (SSE `Last-Event-ID`): overrides the root field's `after`. */
  lastEventId?: string | null;
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
  clients: Set<ClientStream>;
  /** Events are completed and delivered one after another, in order. */
  chain: Promise<void>;
  upstream: UpstreamEntry;
}

interface UpstreamEntry {
  key: string;
  upstream: Upstream;
  groups: Map<string, Group>;
}

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
  private accepting = true;
  private readonly delivered: Counter;
  private readonly latency: Histogram;

  constructor(private readonly options: SubscriptionHubOptions) {
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
      help: 'Subscriptions from the gateway to subgraphs (one per distinct operation, variables and visibility)',
      registers: [options.registry],
      collect() {
        this.set(openUpstreams());
      },
    });
    this.delivered = new Counter({ name: 'graphql_subscription_events_delivered_total', help: 'Events handed to client subscriptions', registers: [options.registry] });
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

  get openSubscriptions(): number {
    return this.clients.size;
  }

  /** Open client subscriptions whose upstream has started (the subgraph said where it starts). */
  get listeningSubscriptions(): number {
    let count = 0;
    for (const entry of this.upstreams.values()) {
      if (!entry.upstream.listening) continue;
      for (const group of entry.groups.values()) count += group.clients.size;
    }
    return count;
  }

  get upstreamSubscriptions(): number {
    return this.upstreams.size;
  }

  /** Starts (or joins) the subscription; the stream ends when the upstream completes or the client leaves. */
  subscribe(request: SubscribeRequest): ClientStream {
    if (!this.accepting) throw new Error('The gateway is shutting down');
    const plan = this.options.planner.plan(request.document, request.source, request.operationName);
    const visibility = plan.viewerDependent ? visibilityOf(request.context.viewer) : 'public';
    const viewer = plan.viewerDependent ? request.context.viewer : anonymousViewer(request.context.viewer.requestId);
    const primaryVariables = pick(request.variables, plan.primary.variableUsages);
    // A client coming back with Last-Event-ID resumes from there: an upstream of its own.
    const upstreamKey = [plan.primary.serviceName, plan.primary.operation, JSON.stringify(primaryVariables), visibility, request.lastEventId ?? ''].join('\n');
    let entry = this.upstreams.get(upstreamKey);
    if (!entry) entry = this.openUpstream(upstreamKey, plan, primaryVariables, viewer, request.lastEventId ?? null);
    const groupKey = `${request.operationName ?? ''}\n${request.source}\n${JSON.stringify(request.variables)}`;
    let group = entry.groups.get(groupKey);
    if (!group) {
      group = { key: groupKey, plan, variables: request.variables, viewer, clientIp: request.context.clientIp ?? null, clients: new Set(), chain: Promise.resolve(), upstream: entry };
      entry.groups.set(groupKey, group);
    }
    const joined = group;
    const client: ClientStream = new ClientStream({
      maxBuffered: this.options.maxBuffered,
      onSlow: request.onSlow,
      onClose: () => {
        this.leave(joined, client);
        request.onClose?.();
      },
    });
    joined.clients.add(client);
    this.clients.add(client);
    return client;
  }

  private openUpstream(key: string, plan: SubscriptionPlan, variables: Record<string, unknown>, viewer: Viewer, resumeAfter: string | null): UpstreamEntry {
    const service = plan.primary.serviceName;
    const entry: UpstreamEntry = {
      key,
      groups: new Map(),
      upstream: new Upstream({
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
        onEnd: () => this.endUpstream(entry),
      }),
    };
    if (resumeAfter) entry.upstream.lastEventId = resumeAfter;
    this.upstreams.set(key, entry);
    entry.upstream.start();
    return entry;
  }

  private deliver(group: Group, event: ExecutionResult, receivedAt: number): void {
    const eventId = event.extensions?.eventId;
    group.chain = group.chain
      .then(async () => {
        if (group.clients.size === 0) return;
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
        for (const client of group.clients) client.push(delivered as ExecutionResult);
        this.delivered.inc(group.clients.size);
        this.latency.observe((performance.now() - receivedAt) / 1000);
      })
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'could not complete a subscription event'));
  }

  /** The subgraph completed: every client gets what is already on its way, then completes. */
  private endUpstream(entry: UpstreamEntry): void {
    this.upstreams.delete(entry.key);
    for (const group of entry.groups.values()) {
      group.chain = group.chain.then(() => {
        for (const client of [...group.clients]) client.end();
      });
    }
  }

  private leave(group: Group, client: ClientStream): void {
    this.clients.delete(client);
    group.clients.delete(client);
    if (group.clients.size > 0) return;
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
    await Promise.all([...this.upstreams.values()].map((entry) => entry.upstream.stop()));
    this.upstreams.clear();
  }
}
