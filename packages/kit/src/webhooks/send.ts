/**
 * One attempt: a signed POST of the raw body, with a deadline, no redirects followed (a redirect
 * could lead anywhere the destination check refused), and only the status kept of the answer.
 */
import { Agent, request } from 'undici';
import { checkDestinationUrl, guardedLookup, type DestinationPolicy } from './destination.ts';
import { signDelivery } from './signing.ts';

export interface Attempt {
  url: string;
  secrets: readonly string[];
  eventId: string;
  body: string;
  at: Date;
}

export type AttemptOutcome =
  | { ok: true; status: number; durationMs: number }
  /** `status` when the endpoint answered (non-2xx); `error` says what went wrong otherwise. */
  | { ok: false; status: number | null; error: string; durationMs: number };

export interface Sender {
  send(attempt: Attempt): Promise<AttemptOutcome>;
  close(): Promise<void>;
}

const USER_AGENT = 'video-commerce-graph-webhooks/1';

export function createSender(options: { policy: DestinationPolicy; timeoutMs: number }): Sender {
  const agent = new Agent({ connect: { lookup: guardedLookup(options.policy), timeout: options.timeoutMs }, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs });
  return {
    async send(attempt) {
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      const checked = checkDestinationUrl(attempt.url, options.policy);
      if (!(checked instanceof URL)) return { ok: false, status: null, error: checked.message, durationMs: 0 };
      const deadline = AbortSignal.timeout(options.timeoutMs);
      try {
        const response = await request(checked, {
          method: 'POST',
          dispatcher: agent,
          signal: deadline,
          headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, ...signDelivery(attempt.secrets, attempt.eventId, attempt.at, attempt.body) },
          body: attempt.body,
        });
        // Nothing of the answer is kept but its status; drain it so the connection is reused.
        await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        if (response.statusCode >= 200 && response.statusCode < 300) return { ok: true, status: response.statusCode, durationMs: elapsed() };
        return { ok: false, status: response.statusCode, error: `answered ${response.statusCode}`, durationMs: elapsed() };
      } catch (error) {
        const message = deadline.aborted ? `no answer within ${options.timeoutMs} ms` : ((error as NodeJS.ErrnoException).code ?? (error as Error).message);
        return { ok: false, status: null, error: message, durationMs: elapsed() };
      }
    },
    close: () => agent.close(),
  };
}
