import { randomBytes } from 'node:crypto';

/**
 * A new opaque id for a row written at run time: a type prefix (`ord`, `lgs` ...) and 96 random
 * bits. Seeded rows use `@app/fixtures/ids` instead, so they are stable across re-seeds.
 */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
