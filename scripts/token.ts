/**
 * `npm run token -- <handle>`: prints a bearer token for a seeded user, signed with the
 * gateway's development JWT settings, so you can act as someone in the explorer (or any client).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dataDir, portFor } from '../packages/kit/src/config.ts';
import { signUserToken } from '../gateway/src/auth.ts';
import { gatewayConfig } from '../gateway/src/config.ts';
import type { ExplorerMode } from '../gateway/src/explorer-mode.ts';
import { seedUsersStore } from '../subgraphs/users/src/db/seed.ts';
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
// The users subgraph's own store and seed step: on a first run they create and seed the store, as
// the subgraph does when it starts; a seeded store is left as it is.
const store = openUsersStore(process.env.USERS_DB ?? path.join(dataDir(), 'users.db'));
await seedUsersStore(store);
const [user] = await store.usersByHandles([handle]);
store.close();
if (!user) {
  console.error(`No user has the handle ${handle}.`);
  process.exit(1);
}
const token = await signUserToken(config.jwt, user, { expiresIn: values['expires-in'] });
console.error(`Token for @${user.handle} (${user.displayName}, ${user.id}, ${user.country}), valid for ${values['expires-in']}.`);
console.error(`${whereToPaste(config.explorer ?? 'graphiql', portFor('gateway'))}\n`);
console.log(token);

/** Where the token goes, in the words of the page the gateway serves (GraphiQL unless EXPLORER says otherwise). */
function whereToPaste(explorer: ExplorerMode, port: number): string {
  const url = `http://localhost:${port}/`;
  if (explorer === 'sandbox') return `In Apollo Sandbox (${url}), open the Headers panel and add:  Authorization: Bearer <token>`;
  if (explorer === 'graphiql') return `In the explorer (${url}), open the Headers tab below the editor and add:  "Authorization": "Bearer <token>"`;
  return 'Send it as the header  Authorization: Bearer <token>';
}
