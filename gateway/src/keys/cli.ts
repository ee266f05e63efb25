/**
 * `npm run keys -- create|list|revoke`: manages partner API keys in the gateway's store.
 * The secret is printed once, at creation; only its hash is kept.
 *
 * The store is the one the gateway opens, from the same configuration (DATA_DIR or GATEWAY_DB,
 * GATEWAY_DATABASE_URL), and every command says which it used: a key written anywhere else
 * would be answered 401. A key is created only for a brand the commerce subgraph knows, asked
 * the way services ask each other (a signed `_entities` request), never by opening its store.
 */
import { parseArgs } from 'node:util';
import { hostFrom, portFor } from '@app/kit/config';
import { createLogger } from '@app/kit/log';
import { createPeerClient } from '@app/kit/peers';
import { anonymousViewer } from '@app/kit/viewer';
import { gatewayConfig, type GatewayConfig } from '../config.ts';
import { KeyError, KNOWN_SCOPES, type KeyStore } from '../db/keys.ts';
import { openGatewayStores } from '../db/open.ts';

const USAGE = `Usage:
  npm run keys -- create --partner <brandId> --scopes <scope,scope> [--name <label>] [--expires-in-days <n>] [--tier standard|plus|enterprise]
  npm run keys -- list
  npm run keys -- revoke <keyId>

Scopes: ${KNOWN_SCOPES.join(', ')}
Find brand ids with the query { brands { edges { node { id name } } } } in the explorer (http://localhost:4000/).`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      partner: { type: 'string' },
      scopes: { type: 'string' },
      name: { type: 'string' },
      'expires-in-days': { type: 'string' },
      tier: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const config = gatewayConfig();
  let toCreate: Parameters<KeyStore['create']>[0] | null = null;
  if (command === 'create') {
    if (!values.partner || !values.scopes) {
      console.error(`create needs --partner and --scopes.\n\n${USAGE}`);
      return 1;
    }
    const days = values['expires-in-days'] ? Number(values['expires-in-days']) : null;
    if (days !== null && !(Number.isFinite(days) && days > 0)) {
      console.error('--expires-in-days must be a positive number.');
      return 1;
    }
    // Before the store is opened: a refused key leaves nothing behind, not even a new file.
    const brand = await brandOf(config, values.partner);
    if (!brand.ok) {
      console.error(brand.problem);
      return 1;
    }
    toCreate = {
      partnerId: values.partner,
      name: values.name ?? `key for ${brand.name}`,
      scopes: values.scopes.split(',').map((scope) => scope.trim()).filter(Boolean),
      expiresAt: days ? new Date(Date.now() + days * 86_400_000) : null,
      tier: values.tier ?? 'standard',
    };
  }
  const { keys } = await openGatewayStores(config);
  console.error(`Partner keys store: ${storeName(config)}`);
  try {
    switch (command) {
      case 'create': {
        const { key, secret } = await keys.create(toCreate!);
        console.log(`Created key ${key.id} in ${storeName(config)} for partner ${key.partnerId} with scopes ${key.scopes.join(', ')}${key.expiresAt ? `, expiring ${key.expiresAt.toISOString()}` : ''}.`);
        console.log('\nThe API key (shown once; store it now):\n');
        console.log(`  ${secret}\n`);
        console.log(`Send it as the header  x-api-key: ${secret}`);
        return 0;
      }
      case 'list': {
        const rows = await keys.list();
        if (rows.length === 0) console.log('No keys yet. Create one with: npm run keys -- create --partner <brandId> --scopes catalog:read');
        for (const key of rows) {
          const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : key.expiresAt && key.expiresAt <= new Date() ? 'expired' : 'active';
          console.log(`${key.id}  ${key.partnerId}  ${state.padEnd(8)}  ${key.scopes.join(',')}  ${key.name}`);
        }
        return 0;
      }
      case 'revoke': {
        const id = rest[0];
        if (!id) {
          console.error(`revoke needs a key id.\n\n${USAGE}`);
          return 1;
        }
        const key = await keys.revoke(id);
        console.log(`Revoked key ${key.id} (partner ${key.partnerId}) in ${storeName(config)}. Requests with it now get 401.`);
        return 0;
      }
      default:
        console.error(`Unknown command ${command}.\n\n${USAGE}`);
        return 1;
    }
  } catch (error) {
    if (error instanceof KeyError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await keys.close();
  }
}

/** Where the keys are, as the gateway will look for them; a Postgres URL without its password. */
function storeName(config: Pick<GatewayConfig, 'keyStorePath' | 'keyStoreUrl'>): string {
  if (!config.keyStoreUrl) return config.keyStorePath;
  try {
    const url = new URL(config.keyStoreUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'GATEWAY_DATABASE_URL';
  }
}

/** Whether commerce, which owns brands, knows `brandId`: a key for no brand would act for nobody. */
async function brandOf(config: Pick<GatewayConfig, 'internalSecret'>, brandId: string): Promise<{ ok: true; name: string } | { ok: false; problem: string }> {
  // Where `npm start` runs commerce with the same environment: COMMERCE_URL, else HOST and COMMERCE_PORT.
  const url = process.env.COMMERCE_URL ?? `http://${hostFrom()}:${portFor('commerce')}/graphql`;
  const peers = createPeerClient({ urls: { commerce: url }, secret: config.internalSecret, logger: createLogger('keys', { level: 'silent' }), timeoutMs: 5_000 });
  try {
    const [brand] = await peers.entities<{ id: string; name: string }>('commerce', 'Brand', [brandId], 'id name', anonymousViewer());
    if (!brand) return { ok: false, problem: `No brand has the id ${brandId}: no key was created. List brands with { brands { edges { node { id name } } } }.` };
    return { ok: true, name: brand.name };
  } catch {
    return {
      ok: false,
      problem: `Could not ask the commerce subgraph (${url}) whether brand ${brandId} exists, so no key was created. Start the graph (npm start), or point COMMERCE_URL (and INTERNAL_SECRET) at the running commerce service.`,
    };
  }
}

process.exitCode = await main(process.argv.slice(2));
