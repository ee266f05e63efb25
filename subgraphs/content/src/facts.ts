/** Facts the users subgraph owns that content's writes depend on, asked at the time of the write. */
import type { Context } from './context.ts';

/** Whether the users subgraph knows this id as a creator. @throws SERVICE_UNAVAILABLE when users does not answer. */
export async function isCreator(context: Context, userId: string): Promise<boolean> {
  const [creator] = await context.peers.entities<{ id: string }>('users', 'Creator', [userId], 'id', context.viewer);
  return creator !== null && creator !== undefined;
}
