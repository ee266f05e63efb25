import { createHash } from 'node:crypto';
import { badInput, ErrorCode } from './errors.ts';
import { GraphQLError } from 'graphql';
import { ConcurrentCommitError, type Transactional, type TransactionOptions } from './store.ts';

/**
 * Writes that move value take an idempotency key: `idempotent` runs such a write once per key.
 * The keys are a table of the kit's in every store (`db/kit-tables.ts`), read and written by the
 * statements in `db/kit-statements.ts`.
 */

const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,100}$/;

/** JSON with object keys sorted, so the same input always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export interface IdempotentRequest {
  scope: string;
  key: string;
  operation: string;
  input: unknown;
}

/** A recorded key: whose, which, for what request, and the first result. */
export interface IdempotencyRow {
  scope: string;
  key: string;
  operation: string;
  /** SHA-256 of the operation and its input, to tell a retry from a different request. */
  requestHash: string;
  response: unknown;
  createdAt: Date;
}

/** The store statements `idempotent` needs (`db/kit-statements.ts`). */
export interface IdempotencyStatements {
  idempotencyRecord(scope: string, key: string): Promise<IdempotencyRow | undefined>;
  /** False when another request's record of the key was committed first. */
  recordIdempotency(row: IdempotencyRow): Promise<boolean>;
}

export function requestHashOf(request: IdempotentRequest): string {
  if (!KEY_PATTERN.test(request.key)) {
    throw badInput('idempotencyKey must be 8 to 100 letters, digits or . _ : -', { field: 'idempotencyKey' });
  }
  return createHash('sha256').update(`${request.operation}\n${canonical(request.input)}`).digest('hex');
}

/**
 * Runs `work` once per (scope, key) inside one write transaction taken up front, recording its
 * JSON result with the key. A retry with the same input gets the recorded result and moves
 * nothing; the same key with another input is IDEMPOTENCY_KEY_REUSED. A refused write (work
 * throws) records nothing, so it can be retried once the cause is fixed. A racing request with
 * the key that commits first rolls this one back whole, and it runs again to find that record;
 * at READ COMMITTED also when this one refused what that request's commit changed.
 */
export async function idempotent<Tx extends IdempotencyStatements, T>(
  store: Transactional<Tx>,
  request: IdempotentRequest,
  work: (tx: Tx) => Promise<T>,
  options?: TransactionOptions,
): Promise<{ result: T; replayed: boolean }> {
  const requestHash = requestHashOf(request);
  return store.transaction(async (tx) => {
    const previous = await tx.idempotencyRecord(request.scope, request.key);
    if (previous) {
      if (previous.requestHash !== requestHash) {
        throw new GraphQLError('This idempotency key was already used for a different request.', {
          extensions: { code: ErrorCode.IDEMPOTENCY_KEY_REUSED, field: 'idempotencyKey' },
        });
      }
      return { result: previous.response as T, replayed: true };
    }
    let result: T;
    try {
      result = await work(tx);
    } catch (refused) {
      // At READ COMMITTED a racing request with the key may have committed while this one waited
      // for a row it changed (a wallet it debited): what this body then refused (the coins gone)
      // is that request's doing, and this one is its retry. Asked again, the key says so.
      if (options?.isolation === 'readCommitted' && (await recordedMeanwhile(tx, request))) {
        throw twinCommitted(request);
      }
      throw refused;
    }
    if (!(await tx.recordIdempotency({ scope: request.scope, key: request.key, operation: request.operation, requestHash, response: result as object, createdAt: new Date() }))) {
      throw twinCommitted(request);
    }
    return { result, replayed: false };
  }, options);
}

/** A racing request with the same key committed first: this attempt is rolled back and run again (`pg.ts`). */
const twinCommitted = (request: IdempotentRequest) => new ConcurrentCommitError(`Another request with idempotency key ${request.key} committed first.`);

/** Whether the key is recorded now; false too when the transaction can no longer ask (a statement failed in it). */
async function recordedMeanwhile(tx: IdempotencyStatements, request: IdempotentRequest): Promise<boolean> {
  try {
    return (await tx.idempotencyRecord(request.scope, request.key)) !== undefined;
  } catch {
    return false;
  }
}
