/**
 * `npm run token -- <handle>`: prints a bearer token for a seeded user, signed with the
 * gateway's development JWT settings, so you can act as someone in Sandbox.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dataDir } from '../packages/kit/src/config.ts';
import { signUserToken } from '../gateway/src/auth.ts';
import { gatewayConfig } from '../gateway/src/config.ts';
import { openUsersStore } from '../subgraphs/users/src/db/store.ts';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { 'expires-in': { type: 'string', default: '12h' } } });
const handle = positionals[0]?.replace(/^@/, '');
if (!handle) {
  console.error('Usage: npm run token -- <handle> [--expires-in 12h]\nFor example: npm run token -- maya.cooking');
  process.exit(1);
}

const config = gatewayConfig();
if (config.jwt.jwksUrl) {
  console.error('The gateway verifies tokens from JWKS_URL; get a token from that identity provider instead.');
  process.exit(1);
}
// The users subgraph's own store module: it creates and seeds the store if this is a first run.
const store = openUsersStore(process.env.USERS_DB ?? path.join(dataDir(), 'users.db'));
const [user] = await store.usersByHandles([handle]);
store.close();
if (!user) {
  console.error(`No user has the handle ${handle}.`);
  process.exit(1);
}
const token = await signUserToken(config.jwt, user, { expiresIn: values['expires-in'] });
console.error(`Token for @${user.handle} (${user.displayName}, ${user.id}, ${user.country}), valid for ${values['expires-in']}.`);
console.error('In Sandbox, open the Headers panel and add:  Authorization: Bearer <token>\n');
console.log(token);
