import { newId } from '@app/kit/ids';

/**
 * The id of a row a send appends to history (the send, its ledger transaction): the kit's random
 * id with its moment in front (milliseconds, base 36, fixed width), so each new id sorts after the
 * ones before it. The primary keys, and the indexes that hold these ids, then take each insert at
 * the edge they were last written at, a page in memory, instead of at a random page of a
 * million-row index: a page read and, later, written back per insert, the part of a send's cost
 * that grew with history. Still opaque to clients: nothing reads the moment back.
 */
export function timeOrderedId(prefix: string, at: Date): string {
  const random = newId(prefix).slice(prefix.length + 1);
  return `${prefix}_${at.getTime().toString(36).padStart(TIME_DIGITS, '0')}${random}`;
}

/** Base-36 digits of a millisecond time, enough until the year 5188. */
const TIME_DIGITS = 9;
