/**
 * `@apollo/gateway` 2.14 sends anonymous usage telemetry to Apollo unless
 * `APOLLO_TELEMETRY_DISABLED` is set. This project keeps it off unless the environment says
 * otherwise (an explicit value, `false` included, wins). Import this module before anything
 * that loads `@apollo/gateway`: it sets the variable as it is evaluated.
 */
export function apolloTelemetryOffByDefault(env: NodeJS.ProcessEnv = process.env): void {
  if (env.APOLLO_TELEMETRY_DISABLED === undefined || env.APOLLO_TELEMETRY_DISABLED === '') env.APOLLO_TELEMETRY_DISABLED = 'true';
}

apolloTelemetryOffByDefault();
