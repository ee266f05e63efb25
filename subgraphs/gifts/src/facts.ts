import type { Context } from './context.ts';

// Facts are fetched before a write's transaction and settled (`@app/kit/facts`).
export interface UserFacts {
  id: string;
  country: string;
}

/** Users by id, from the users subgraph, in order, null where it knows no such user. */
export function fetchUsers(context: Context, ids: readonly string[]): Promise<(UserFacts | null)[]> {
  return context.peers.entities<{ id: string; country: string }>('users', 'User', ids, 'id country', context.viewer);
}

export interface LiveStreamFacts {
  id: string;
  status: 'SCHEDULED' | 'LIVE' | 'ENDED';
  creator: { id: string };
}

/** A live stream's status and creator, from the content subgraph; null when it knows no such stream. */
export async function fetchLiveStream(context: Context, id: string): Promise<LiveStreamFacts | null> {
  const [stream] = await context.peers.entities<{ id: string; status: LiveStreamFacts['status']; creator: { id: string } }>(
    'content',
    'LiveStream',
    [id],
    'id status creator { id }',
    context.viewer,
  );
  return stream ?? null;
}
