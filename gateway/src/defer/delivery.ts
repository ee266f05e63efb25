/**
 * The subsequent payloads of a deferred response, in the incremental-delivery format of
 * `deferSpec=20220824` (graphql-js 17 alpha 2, Apollo Client's `Defer20220824Handler`): each is
 * `{ incremental: [{ data, path, label?, errors? }], hasNext }`, the last one `hasNext: false`.
 * Apollo Server writes them as `multipart/mixed` parts after the initial result.
 */
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { SubsequentBatch } from './execute.ts';
import type { ResponsePath } from './view.ts';

type Data = Record<string, unknown>;

export interface FormattedIncrementalItem {
  data: Data | null;
  path: ResponsePath;
  label?: string;
  errors?: GraphQLFormattedError[];
}

export interface FormattedSubsequentPayload {
  incremental?: FormattedIncrementalItem[];
  hasNext: boolean;
  extensions?: Data;
}

/** Sees the whole response once every part is in, before the last payload goes; may add to that payload's extensions. */
export type LastPayloadHook = (whole: { data: Data; errors: readonly GraphQLError[] }, extensions: Data) => Promise<void> | void;

/** `from` merged into `into` in place: objects field by field, lists item by item. */
function mergeInto(into: Data, from: Data): void {
  for (const [key, value] of Object.entries(from)) {
    const existing = into[key];
    if (Array.isArray(existing) && Array.isArray(value)) {
      value.forEach((item, index) => {
        if (existing[index] && item && typeof existing[index] === 'object' && typeof item === 'object') mergeInto(existing[index] as Data, item as Data);
        else existing[index] = item;
      });
    } else if (existing && value && typeof existing === 'object' && typeof value === 'object' && !Array.isArray(existing)) {
      mergeInto(existing as Data, value as Data);
    } else {
      into[key] = value;
    }
  }
}

/** The initial data with a deferred fragment's data merged in at its path, as a client merges it. */
export function mergeAt(whole: Data, path: ResponsePath, data: Data | null): void {
  if (!data) return;
  let target: unknown = whole;
  for (const key of path) {
    if (target === null || typeof target !== 'object') return;
    target = (target as Record<string | number, unknown>)[key];
  }
  if (target && typeof target === 'object' && !Array.isArray(target)) mergeInto(target as Data, data);
}

export interface DeferredResponseOptions {
  /** What the client sees of each error of a deferred part (the gateway's formatting, masking included); also where they are counted and logged. */
  formatErrors: (errors: readonly GraphQLError[]) => GraphQLFormattedError[];
  /** A hook that threw: the payload still goes. */
  onHookError: (error: unknown) => void;
}

/**
 * What follows the initial payload: the batches of deferred fragments as the client reads them,
 * the whole response kept as it grows so the last payload can say what the operation cost.
 * Iterated once, by Apollo Server's multipart writer.
 */
export class DeferredResponse implements AsyncIterable<FormattedSubsequentPayload> {
  private readonly hooks: LastPayloadHook[] = [];
  private readonly whole: Data;
  private readonly errors: GraphQLError[];

  constructor(
    private readonly batches: AsyncIterable<SubsequentBatch>,
    initial: { data: Data; errors?: readonly GraphQLError[] },
    private readonly options: DeferredResponseOptions,
  ) {
    this.whole = structuredClone(initial.data);
    this.errors = [...(initial.errors ?? [])];
  }

  beforeLast(hook: LastPayloadHook): void {
    this.hooks.push(hook);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<FormattedSubsequentPayload> {
    for await (const batch of this.batches) {
      const incremental = batch.incremental.map((item): FormattedIncrementalItem => {
        mergeAt(this.whole, item.path, item.data === null ? null : structuredClone(item.data));
        if (item.errors) this.errors.push(...item.errors);
        return { data: item.data, path: item.path, ...(item.label !== undefined ? { label: item.label } : {}), ...(item.errors?.length ? { errors: this.options.formatErrors(item.errors) } : {}) };
      });
      const payload: FormattedSubsequentPayload = { ...(incremental.length > 0 ? { incremental } : {}), hasNext: batch.hasNext };
      if (!batch.hasNext) {
        const extensions: Data = {};
        for (const hook of this.hooks) {
          try {
            await hook({ data: this.whole, errors: this.errors }, extensions);
          } catch (error) {
            this.options.onHookError(error);
          }
        }
        if (Object.keys(extensions).length > 0) payload.extensions = extensions;
      }
      yield payload;
    }
  }
}

/** The deferred response behind an Apollo Server response body, if it is one. */
export function deferredResponseOf(body: { kind: string; subsequentResults?: unknown }): DeferredResponse | undefined {
  return body.kind === 'incremental' && body.subsequentResults instanceof DeferredResponse ? body.subsequentResults : undefined;
}
