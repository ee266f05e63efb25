// @apollo/gateway reads APOLLO_TELEMETRY_DISABLED, and static imports are all loaded before any
// line of this module runs: so the default is set first and the gateway is loaded after it.
import './telemetry.ts';

await import('./serve.ts');
