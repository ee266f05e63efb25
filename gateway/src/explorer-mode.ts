import { ConfigError, isProduction } from '@app/kit/config';

/**
 * What the gateway shows a browser at `/` in development: the self-hosted GraphiQL explorer
 * (the default, it needs no internet), Apollo's embedded Sandbox (loaded from Apollo's CDN), or
 * nothing. Production serves no page, whatever EXPLORER says.
 */
export type ExplorerMode = 'graphiql' | 'sandbox' | 'off';

const MODES: readonly ExplorerMode[] = ['graphiql', 'sandbox', 'off'];

/** @throws ConfigError for an EXPLORER value that is not a mode. */
export function explorerMode(env: NodeJS.ProcessEnv = process.env): ExplorerMode {
  const raw = (env.EXPLORER ?? '').trim().toLowerCase();
  if (raw !== '' && !MODES.includes(raw as ExplorerMode)) {
    throw new ConfigError(`EXPLORER must be one of ${MODES.join(', ')}; got ${JSON.stringify(env.EXPLORER)}.`);
  }
  if (isProduction(env)) return 'off';
  return (raw || 'graphiql') as ExplorerMode;
}

/** How `npm start` names each mode in its banner. */
export const EXPLORER_TITLES: Record<ExplorerMode, string> = {
  graphiql: 'GraphiQL explorer (self-hosted, works offline)',
  sandbox: 'Apollo Sandbox (loads from Apollo’s CDN)',
  off: 'off',
};
