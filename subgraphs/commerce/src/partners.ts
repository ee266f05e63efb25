/**
 * What a partner key is and may do, in one place.
 *
 * - A partner key acts for one brand, whatever its scopes: `myBrand` is that brand for any key
 *   (an integration's first call, to learn which brand it acts for), and every brand-owned field
 *   and write checks the brand as well as the scope.
 * - `viewerKey` describes the calling key (id, name, brand, scopes, rate-limit tier, expiry) so a
 *   client can tell what it may do before it tries. The gateway knows keys; it signs their name,
 *   tier and expiry along with the viewer (`Viewer.key`), so no other service keeps a copy of the
 *   key store. Users and anonymous callers have no key: null.
 */
import { forbidden, unauthenticated } from '@app/kit/errors';
import type { Context } from './context.ts';
import type { BrandRow } from './mappers.ts';
import { loadBrand } from './products.ts';
import { ForbiddenReason } from './refusals.ts';

export interface ViewerKeyView {
  id: string;
  name: string;
  brandId: string;
  scopes: readonly string[];
  tier: string;
  expiresAt: Date | null;
}

/** The calling partner key, or null for anyone else. */
export function viewerKey(context: Context): ViewerKeyView | null {
  const { keyId, partnerId, scopes, key } = context.viewer;
  if (!keyId || !partnerId || !key) return null;
  return { id: keyId, name: key.name, brandId: partnerId, scopes, tier: key.tier, expiresAt: key.expiresAt ? new Date(key.expiresAt) : null };
}

/**
 * The brand the calling partner key acts for, whatever its scopes.
 * @throws UNAUTHENTICATED without credentials, FORBIDDEN (PARTNER_REQUIRED) for a user.
 */
export function myBrand(context: Context): Promise<BrandRow> {
  const { partnerId, userId } = context.viewer;
  if (!partnerId) {
    if (!userId) throw unauthenticated('myBrand needs a partner API key (x-api-key).');
    throw forbidden('myBrand is for partner API keys.', { reason: ForbiddenReason.PARTNER_REQUIRED });
  }
  return loadBrand(context, partnerId);
}
