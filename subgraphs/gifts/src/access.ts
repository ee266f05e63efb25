import { forbidden, unauthenticated } from '@app/kit/errors';
import type { Context } from './context.ts';

/** The signed-in user's id. `@auth` has already refused anyone else; this keeps the type honest. */
export function signedInUserId(context: Context): string {
  if (!context.viewer.userId) throw unauthenticated();
  return context.viewer.userId;
}

/**
 * A user's wallet, inbox and allowance are theirs alone: another signed-in user asking for them
 * (through `user(id:)` rather than `me`) is FORBIDDEN.
 */
export function requireOwnUser(context: Context, userId: string, what: string): void {
  if (signedInUserId(context) !== userId) throw forbidden(`Only the user themself can see their ${what}.`, { reason: 'NOT_OWN_USER' });
}
