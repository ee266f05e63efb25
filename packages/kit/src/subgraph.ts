import type http from 'node:http';
import path from 'node:path';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { enforceAccess } from './access.ts';
import { changedEntitiesPlugin, type Changed } from './changes.ts';
import { dataDir, hostFrom, internalSecret, maxBodyBytes, portFor, type SubgraphName } from './config.ts';
import { ErrorCode, isPublicCode, storeUnavailable } from './errors.ts';
import { graphQLHandler, healthRoute, listen, stopOnSignals, type RunningHttpServer } from './http.ts';
import { subscriptionServer } from './sse.ts';
import { startTracing, traceRootFields, tracingPlugin } from './tracing.ts';
import { createLogger, type Logger } from './log.ts';
import { createSubgraphMetrics, metricsRoute, type SubgraphMetrics } from './metrics.ts';
import { createPeerClient, type PeerClient } from './peers.ts';
import { cachedProbe } from './outage.ts';
import { isPostgresUrl, isUnreachable } from './pg.ts';
import { sharedNonces } from './redis.ts';
import { StoreOpenError } from './store.ts';
import { anonymousViewer, NonceGuard, SIGNATURE_HEADER, VIEWER_HEADER, verifyViewer, type NonceStore, type Viewer, type ViewerCheck } from './viewer.ts';

/**
 * Errors with a public code pass through as they are; a database that cannot be reached is
 * SERVICE_UNAVAILABLE (`storeUnavailable`); anything else reaches the caller as a bare
 * INTERNAL_SERVER_ERROR with no SQL, path or stack (it is logged, with the request id, by
 * `errorLogging`). `error` is the error behind `formatted`, as Apollo Server's `formatError` gets it.
 */
export function maskErrors(formatted: GraphQLFormattedError, error?: unknown, service = 'this'): GraphQLFormattedError {
  if (!isPublicCode(formatted.extensions?.code) && isUnreachable(error)) {
    const unavailable = storeUnavailable(service);
    return {
      message: unavailable.message,
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: unavailable.extensions,
    };
  }
  if (isPublicCode(formatted.extensions?.code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/** How often a database outage is logged from failing requests: each request does not say it again. */
const OUTAGE_LOG_INTERVAL_MS = 10_000;

/**
 * Logs unexpected errors where their cause is known, with the request id to find them by. A
 * database that cannot be reached is an outage, not a bug: a warning at most every 10 s.
 */
export function errorLogging<TContext extends { viewer: Viewer }>(logger: Logger): ApolloServerPlugin<TContext> {
  let lastOutageLog = Number.NEGATIVE_INFINITY;
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (isPublicCode(error.extensions?.code)) continue;
            if (isUnreachable(error)) {
              if (Date.now() - lastOutageLog < OUTAGE_LOG_INTERVAL_MS) continue;
              lastOutageLog = Date.now();
              logger.warn({ err: error.originalError ?? error, requestId: contextValue.viewer?.requestId }, 'the database cannot be reached; requests that need it answer SERVICE_UNAVAILABLE');
              continue;
            }
            logger.error({ err: error.originalError ?? error, path: error.path, requestId: contextValue.viewer?.requestId }, 'unexpected error');
          }
        },
      };
    },
  };
}

export interface SubgraphDefinition {
  name: string;
  typeDefs: string;
  resolvers: GraphQLResolverMap<unknown>;
}

/**
 * Every subgraph's context carries the verified viewer (`@auth`/`@scopes` read it) and `changed`
 * (`changeRecorder()`), where writes name what they changed for the gateway's entity cache.
 */
export interface SubgraphContext extends BaseContext {
  viewer: Viewer;
  changed: Changed;
}

/** The subgraph's executable schema, `@auth`/`@scopes` enforced on every field they mark. */
export function subgraphSchema<TContext extends SubgraphContext>(definition: SubgraphDefinition): GraphQLSchema {
  return traceRootFields(enforceAccess<TContext>(buildSubgraphSchema({ typeDefs: gql(definition.typeDefs), resolvers: definition.resolvers }), (context) => context.viewer));
}

export function createSubgraphServer<TContext extends SubgraphContext>(
  definition: SubgraphDefinition,
  logger: Logger = createLogger(definition.name),
  metrics?: SubgraphMetrics,
  schema: GraphQLSchema = subgraphSchema<TContext>(definition),
): ApolloServer<TContext> {
  const counting: ApolloServerPlugin<TContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ errors }) {
          metrics?.requests.inc({ outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
  return new ApolloServer<TContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => maskErrors(formatted, error, definition.name),
    // Subgraphs are called by the gateway, not browsed: Sandbox lives at the gateway. No Apollo
    // Studio reporting here, so federated traces would be work for nobody.
    // Apollo Server's cache-control plugin (on by default) turns `@cacheControl` hints into each
    // response's cache-control header, which the gateway's entity cache obeys.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), errorLogging<TContext>(logger), counting, changedEntitiesPlugin<TContext>(), tracingPlugin<TContext>()],
  });
}

/**
 * Reads the viewer of a request: anonymous without the gateway's headers, and anonymous (and
 * logged) when they are forged, stale or replayed. A bare `x-user-id` or the like grants nothing.
 */
export function viewerReader(check: ViewerCheck, logger: Logger) {
  return async (req: http.IncomingMessage, rawBody: string): Promise<Viewer> => {
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const given = { viewer: header(VIEWER_HEADER), signature: header(SIGNATURE_HEADER) };
    // The gateway sends anonymous callers unsigned (there is no one to vouch for): the request id
    // comes in its own header, kept only when short and plain.
    if (!given.viewer && !given.signature) {
      const requestId = header('x-request-id');
      return anonymousViewer(requestId && /^[\w.:-]{1,64}$/.test(requestId) ? requestId : undefined);
    }
    let verified: Awaited<ReturnType<typeof verifyViewer>>;
    try {
      verified = await verifyViewer(given, rawBody, check);
    } catch (error) {
      // The nonce store is the subgraph's database: while it is down a signed viewer cannot be
      // checked for replay, so the request is refused as unavailable (503), not treated as anonymous.
      if (isUnreachable(error)) throw storeUnavailable(check.audience, { http: true });
      throw error;
    }
    const { viewer, rejected } = verified;
    if (rejected) logger.warn({ reason: rejected, remoteAddress: req.socket.remoteAddress }, 'refused a viewer header; treating the request as anonymous');
    return viewer;
  };
}

export interface ServeSubgraphOptions<TContext extends SubgraphContext> {
  name: string;
  server: ApolloServer<TContext>;
  /** The schema the server runs: when it has subscriptions, they are served over SSE on the same path. */
  schema?: GraphQLSchema;
  /** Builds the request context around the viewer verified from the gateway's signed header. */
  context: (viewer: Viewer) => TContext | Promise<TContext>;
  /** The secret shared with the gateway; INTERNAL_SECRET by default. */
  internalSecret?: string;
  port: number;
  host: string;
  logger: Logger;
  metrics?: SubgraphMetrics;
  /** Whether the subgraph can serve (its store is open and answers); `/ready` says so. */
  ready?: () => boolean | Promise<boolean>;
  /** Called after the HTTP server and Apollo Server have stopped: close the store here. */
  onStop?: () => void | Promise<void>;
  /** The request body limit; MAX_BODY_BYTES, the gateway's own, by default. */
  maxBodyBytes?: number;
  /** Where accepted signature nonces are kept: the store's (`StoreHandle.nonces`); this process's memory only when none is given (tests). */
  nonces?: NonceStore;
}

export interface RunningSubgraph extends RunningHttpServer {
  stop(): Promise<void>;
}

export async function serveSubgraph<TContext extends SubgraphContext>(options: ServeSubgraphOptions<TContext>): Promise<RunningSubgraph> {
  const { server, logger } = options;
  const readViewer = viewerReader({ secret: options.internalSecret ?? internalSecret().secret, audience: options.name, nonces: options.nonces ?? new NonceGuard() }, logger);
  await server.start();
  let stopping = false;
  let http: RunningHttpServer;
  const subscriptions = options.schema?.getSubscriptionType()
    ? subscriptionServer({ schema: options.schema, readViewer, context: options.context, maxBodyBytes: options.maxBodyBytes ?? maxBodyBytes(), logger })
    : null;
  try {
    http = await listen(
      graphQLHandler({
        server,
        context: async (req, rawBody) => options.context(await readViewer(req, rawBody)),
        routes: [
          healthRoute(options.name, async () => !stopping && ((await options.ready?.()) ?? true)),
          ...(options.metrics ? [metricsRoute(options.metrics.registry)] : []),
          ...(subscriptions ? [subscriptions.route] : []),
        ],
        // One limit for the whole graph (MAX_BODY_BYTES), the gateway's own.
        maxBodyBytes: options.maxBodyBytes ?? maxBodyBytes(),
        logger,
      }),
      options.port,
      options.host,
    );
  } catch (error) {
    await server.stop();
    throw error;
  }
  // Stop taking requests, let those in flight finish, then close the store.
  const stop = async () => {
    stopping = true;
    // Event streams never finish on their own: end them so the server can close. Subscribers
    // (the gateway) come back with the last event id to a process that is up.
    await subscriptions?.close();
    await http.close();
    await server.stop();
    await options.onStop?.();
  };
  return { ...http, stop };
}

export interface SubgraphServiceDefinition<TStore, TContext extends SubgraphContext> extends SubgraphDefinition {
  createContext: (store: TStore, viewer: Viewer, peers: PeerClient) => TContext;
}

export interface ServeOptions {
  port: number;
  host: string;
  logger: Logger;
  internalSecret?: string;
  /** How this subgraph reaches the others for facts they own; built from config by default. */
  peers?: PeerClient;
  metrics?: SubgraphMetrics;
  ready?: () => boolean | Promise<boolean>;
  onStop?: () => void | Promise<void>;
  maxBodyBytes?: number;
  nonces?: NonceStore;
}

/** The peers client a serving subgraph uses: the one given, else one signed with the internal secret from config. */
export function peersOf(options: Pick<ServeOptions, 'peers' | 'internalSecret' | 'logger'>): PeerClient {
  return options.peers ?? createPeerClient({ secret: options.internalSecret ?? internalSecret().secret, logger: options.logger });
}

/**
 * What a subgraph's server.ts exports: `createServer` for in-process tests and `serve` for
 * HTTP. Nothing binds a port until `serve` is called.
 */
export function subgraphService<TStore, TContext extends SubgraphContext>(definition: SubgraphServiceDefinition<TStore, TContext>) {
  const createServer = (logger?: Logger, metrics?: SubgraphMetrics, schema?: GraphQLSchema) => createSubgraphServer<TContext>(definition, logger, metrics, schema);
  return {
    name: definition.name,
    typeDefs: definition.typeDefs,
    createServer,
    serve: async (store: TStore, options: ServeOptions) => {
      const peers = peersOf(options);
      const schema = subgraphSchema<TContext>(definition);
      // The store keeps the nonces in its own database, so a restart (and replicas on Postgres) still
      // refuse a replay; with REDIS_URL they are in Redis, the store's table while it is away.
      const storeNonces = options.nonces ?? (store as Partial<StoreHandle>).nonces;
      const shared = storeNonces ? await sharedNonces(storeNonces, options.logger) : null;
      return serveSubgraph<TContext>({
        ...options,
        name: definition.name,
        schema,
        server: createServer(options.logger, options.metrics, schema),
        context: (viewer) => definition.createContext(store, viewer, peers),
        ...(shared ? { nonces: shared.nonces } : {}),
        onStop: async () => {
          await options.onStop?.();
          await shared?.close();
        },
      });
    },
  };
}

/** What a subgraph process needs of its opened store besides the statements it serves with. */
export interface StoreHandle {
  /** Whether the store can serve (`/ready`). */
  isOpen(): boolean;
  /** Whether the store's server answers now, within a short timeout (a store on another server). */
  ping?(): Promise<boolean>;
  close(): void | Promise<void>;
  /**
   * Where the store keeps the signature nonces it accepted: a table in its own database (SQLite
   * file or Postgres), so a restarted process, and replicas on Postgres, refuse a replayed request.
   */
  nonces: NonceStore;
}

export interface StoreOpenOptions {
  onStatement: (sql: string, durationMs: number) => void;
  /** After each commit of a SQLite store, with the transactions it made durable. */
  onCommit?: (transactions: number) => void;
  /** Each time a Postgres transaction is run again after a serialization failure or deadlock. */
  onRetry?: () => void;
}

/** How a subgraph opens its store on each engine: a SQLite file (the default) or a Postgres database. */
export interface StoreOpeners<TStore extends StoreHandle> {
  sqlite: (path: string, options: StoreOpenOptions) => TStore;
  /** Absent while a subgraph has no Postgres statements: then `<NAME>_DATABASE_URL` is refused. */
  postgres?: (url: string, options: StoreOpenOptions) => Promise<TStore>;
}

/**
 * Where a subgraph's store is: `<NAME>_DATABASE_URL` (a `postgres://` URL) when set, else the
 * SQLite file `<NAME>_DB` or `DATA_DIR/<name>.db`.
 */
export function storeLocation(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): { engine: 'postgres'; url: string } | { engine: 'sqlite'; path: string } {
  const url = env[`${name.toUpperCase()}_DATABASE_URL`];
  if (url) {
    if (!isPostgresUrl(url)) throw new StoreOpenError(`${name.toUpperCase()}_DATABASE_URL must be a postgres:// URL.`);
    return { engine: 'postgres', url };
  }
  return { engine: 'sqlite', path: env[`${name.toUpperCase()}_DB`] ?? path.join(dataDir(env), `${name}.db`) };
}

/** Opens a subgraph's store wherever `storeLocation` says it is. */
export async function openStoreAt<TStore extends StoreHandle>(name: SubgraphName, openers: StoreOpeners<TStore>, options: StoreOpenOptions, env: NodeJS.ProcessEnv = process.env): Promise<TStore> {
  const location = storeLocation(name, env);
  if (location.engine === 'sqlite') return openers.sqlite(location.path, options);
  if (!openers.postgres) throw new StoreOpenError(`The ${name} subgraph has no Postgres store; unset ${name.toUpperCase()}_DATABASE_URL.`);
  return openers.postgres(location.url, options);
}

/**
 * Whether the store's server answers, for `/ready`: pinged at most once a second however often
 * `/ready` is polled, and logged once when it stops answering and once when it is back. A store
 * in this process (SQLite) always answers.
 */
export function storeAnswers(store: Pick<StoreHandle, 'ping'>, logger: Logger): () => Promise<boolean> {
  if (!store.ping) return async () => true;
  const ping = store.ping.bind(store);
  let last = true;
  return cachedProbe(async () => {
    const ok = await ping();
    if (ok !== last) {
      if (ok) logger.info('the database answers again; /ready says ready');
      else logger.warn('the database does not answer; /ready says unavailable until it does');
      last = ok;
    }
    return ok;
  });
}

/**
 * A subgraph process (its `index.ts`): open the store (see `storeLocation`), serve on the
 * configured port with metrics, stop cleanly on SIGTERM/SIGINT, exit 1 when it cannot start.
 */
export async function runSubgraphProcess<TStore extends StoreHandle>(
  name: SubgraphName,
  openers: StoreOpeners<TStore>,
  serve: (store: TStore, options: ServeOptions) => Promise<RunningSubgraph>,
  /** Fills an empty store with the seed world (a store holding anything is left as it is). */
  seed?: (store: TStore) => Promise<void>,
): Promise<void> {
  const logger = createLogger(name);
  try {
    // Before the store and the schema: both are traced only when tracing is on as they are made.
    const tracing = await startTracing(name);
    const metrics = createSubgraphMetrics(name);
    const store = await openStoreAt(name, openers, { onStatement: metrics.observeStatement, onCommit: metrics.observeCommit, onRetry: metrics.observeRetry });
    await seed?.(store);
    const answers = storeAnswers(store, logger);
    let running: RunningSubgraph;
    try {
      const onStop = async () => {
        await store.close();
        await tracing?.shutdown();
      };
      running = await serve(store, { port: portFor(name), host: hostFrom(), logger, metrics, ready: async () => store.isOpen() && (await answers()), onStop });
    } catch (error) {
      await store.close();
      throw error;
    }
    logger.info({ url: running.url }, 'subgraph listening');
    stopOnSignals(running.stop, logger);
  } catch (error) {
    logger.fatal({ err: error }, (error as Error).message);
    process.exit(1);
  }
}
