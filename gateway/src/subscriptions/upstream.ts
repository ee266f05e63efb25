/**
 * One subscription from the gateway to the subgraph that owns a subscription's root field,
 * shared by every client that asks the same thing. When the subgraph goes away (restart,
 * crash) it subscribes again from the last event id it received, so clients see a pause, not
 * a gap: the subgraph replays from its outbox.
 */
import { Kind, parse, print, visit, type ExecutionResult, type OperationDefinitionNode } from 'graphql';
import type { Logger } from '@app/kit/log';
import { subscribeSigned } from '@app/kit/sse';
import type { Viewer } from '@app/kit/viewer';

export interface UpstreamOptions {
  service: string;
  url: string;
  secret: string;
  /** The primary fetch's operation and variables. */
  query: string;
  variables: Record<string, unknown>;
  /** Who the subscription is for (anonymous for a public one). */
  viewer: Viewer;
  logger: Logger;
  /** Each event (with `extensions.eventId`) or error result the subgraph sends. */
  onResult: (result: ExecutionResult) => void;
  /** The subgraph completed the subscription (the stream ended), or it cannot be resumed. */
  onEnd: () => void;
  /** The subgraph said where the subscription starts (its first answer): every later event will come. */
  onListening?: (eventId: string) => void;
  /** How long to wait before the first retry; doubles up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

/**
 * The operation with its root field's `after` set to `eventId`: a literal argument is replaced,
 * a variable one is set through the variables.
 */
export function resumeFrom(query: string, variables: Record<string, unknown>, eventId: string): { query: string; variables: Record<string, unknown> } {
  const document = parse(query);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const root = operation?.selectionSet.selections[0];
  if (!root || root.kind !== Kind.FIELD) return { query, variables };
  const argument = root.arguments?.find((candidate) => candidate.name.value === 'after');
  if (argument?.value.kind === Kind.VARIABLE) return { query, variables: { ...variables, [argument.value.name.value]: eventId } };
  const edited = visit(document, {
    Field(node) {
      if (node !== root) return undefined;
      const others = (node.arguments ?? []).filter((candidate) => candidate.name.value !== 'after');
      return { ...node, arguments: [...others, { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'after' }, value: { kind: Kind.STRING, value: eventId } }] };
    },
  });
  return { query: print(edited), variables };
}

/** What the hub needs of an upstream subscription (tests give it one they drive by hand). */
export interface UpstreamSubscription {
  /** The last event the subgraph sent, or the position it starts after; set before `start` to resume. */
  lastEventId: string | null;
  readonly listening: boolean;
  start(): void;
  stop(): Promise<void>;
}

export class Upstream implements UpstreamSubscription {
  /** The last event the subgraph sent (or the position it said it started from). */
  lastEventId: string | null = null;

  /** Whether the subgraph has said where the subscription starts: from now on no event is missed. */
  get listening(): boolean {
    return this.lastEventId !== null;
  }
  private stopped = false;
  private current: AsyncIterableIterator<ExecutionResult> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private wakeRetry: (() => void) | null = null;

  constructor(private readonly options: UpstreamOptions) {}

  start(): void {
    void this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.wakeRetry?.();
    await this.current?.return?.();
  }

  private async run(): Promise<void> {
    const { options } = this;
    let delay = options.retryDelayMs ?? 100;
    while (!this.stopped) {
      const resuming = this.lastEventId !== null;
      const request = resuming ? resumeFrom(options.query, options.variables, this.lastEventId as string) : { query: options.query, variables: options.variables };
      let received = false;
      try {
        this.current = subscribeSigned({ url: options.url, secret: options.secret, audience: options.service, viewer: { ...options.viewer, requestId: `${options.viewer.requestId}-${Date.now().toString(36)}` }, ...request });
        for await (const result of this.current) {
          received = true;
          // Clients are already listening: a subgraph that cannot answer for now (it asks another
          // that is down) is tried again, not taken as the end of the stream.
          if (resuming && result.data == null && result.errors?.some((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE')) {
            throw new Error(`${options.service} cannot resume the subscription yet`);
          }
          const eventId = result.extensions?.eventId;
          if (typeof eventId === 'string') {
            const first = this.lastEventId === null;
            this.lastEventId = eventId;
            if (first) options.onListening?.(eventId);
          }
          // A position marker (no data, no errors) only says where the subscription starts.
          if (result.data === undefined && !result.errors) continue;
          options.onResult(result);
        }
        // The subgraph completed the subscription: nothing more will come.
        if (!this.stopped) options.onEnd();
        return;
      } catch (error) {
        if (this.stopped) return;
        options.logger.warn({ err: error, service: options.service, lastEventId: this.lastEventId }, 'upstream subscription lost; subscribing again');
      } finally {
        this.current = null;
      }
      if (received) delay = options.retryDelayMs ?? 100;
      await new Promise<void>((resolve) => {
        this.wakeRetry = resolve;
        this.retryTimer = setTimeout(resolve, delay);
      });
      delay = Math.min(delay * 2, options.maxRetryDelayMs ?? 2_000);
    }
  }
}
