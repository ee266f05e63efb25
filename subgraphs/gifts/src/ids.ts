import { randomBytes } from 'node:crypto';

/** A new opaque id for a row written at run time: a type prefix and 96 random bits. */
export function newId(prefix: 'sgs' | 'lgs' | 'cpu' | 'ltx' | 'gof'): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
