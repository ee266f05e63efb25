import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SubscriptionPlanner } from './plan.ts';

const planner = new SubscriptionPlanner(readFileSync(new URL('../../../schema/supergraph.graphql', import.meta.url), 'utf8'));
const plan = (source: string) => planner.plan(parse(source), source, null);

describe('planning a subscription with the query planner', () => {
  it('sends the root field to its owner and completes the rest from the other subgraphs', () => {
    const planned = plan('subscription ($id: ID!) { liveStreamUpdates(liveStreamId: $id) { id status stream { status creator { handle } giftTotals { coins } } } }');
    expect(planned.primary.serviceName).toBe('content');
    expect(planned.primary.operation).toMatch(/^subscription/);
    expect(JSON.stringify(planned.rest)).toMatch(/"serviceName":"users"/);
    expect(JSON.stringify(planned.rest)).toMatch(/"serviceName":"gifts"/);
    expect(planned.viewerDependent).toBe(false);
  });

  it('treats a document that reaches an @auth field as the viewer’s own, and caches plans by document', () => {
    const source = 'subscription ($id: ID!) { liveStreamUpdates(liveStreamId: $id) { stream { creator { earnings { total { amount } } } } } }';
    const planned = plan(source);
    expect(planned.viewerDependent).toBe(true);
    expect(plan(source)).toBe(planned);
  });
});
