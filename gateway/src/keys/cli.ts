/**
 * `npm run keys -- create|list|revoke`: manages partner API keys in the gateway's store.
 * The secret is printed once, at creation; only its hash is kept.
 */
import { parseArgs } from 'node:util';
import { gatewayConfig } from '../config.ts';
import { KeyError, KNOWN_SCOPES, openKeyStore } from '../db/keys.ts';

const USAGE = `Usage:
  npm run keys -- create --partner <brandId> --scopes <scope,scope> [--name <label>] [--expires-in-days <n>] [--tier standard|plus|enterprise]
  npm run keys -- list
  npm run keys -- revoke <keyId>

Scopes: ${KNOWN_SCOPES.join(', ')}
Find brand ids with the query { brands { edges { node { id name } } } } in the explorer (http://localhost:4000/).`;

function main(argv: string[]): number {
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
  const keys = openKeyStore(gatewayConfig().keyStorePath);
  try {
    switch (command) {
      case 'create': {
        if (!values.partner || !values.scopes) {
          console.error(`create needs --partner and --scopes.\n\n${USAGE}`);
          return 1;
        }
        const days = values['expires-in-days'] ? Number(values['expires-in-days']) : null;
        if (days !== null && !(Number.isFinite(days) && days > 0)) {
          console.error('--expires-in-days must be a positive number.');
          return 1;
        }
        const { key, secret } = keys.create({
          partnerId: values.partner,
          name: values.name ?? `key for ${values.partner}`,
          scopes: values.scopes.split(',').map((scope) => scope.trim()).filter(Boolean),
          expiresAt: days ? new Date(Date.now() + days * 86_400_000) : null,
          tier: values.tier ?? 'standard',
        });
        console.log(`Created key ${key.id} for partner ${key.partnerId} with scopes ${key.scopes.join(', ')}${key.expiresAt ? `, expiring ${key.expiresAt.toISOString()}` : ''}.`);
        console.log('\nThe API key (shown once; store it now):\n');
        console.log(`  ${secret}\n`);
        console.log(`Send it as the header  x-api-key: ${secret}`);
        return 0;
      }
      case 'list': {
        const rows = keys.list();
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
        const key = keys.revoke(id);
        console.log(`Revoked key ${key.id} (partner ${key.partnerId}). Requests with it now get 401.`);
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
    keys.close();
  }
}

process.exitCode = main(process.argv.slice(2));
