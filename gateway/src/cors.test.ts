import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningHttpServer } from '@app/kit/http';
import { useCors } from './cors.ts';

let server: RunningHttpServer;
beforeAll(async () => {
  const cors = useCors(['https://app.example.com']);
  server = await listen(
    async (req, res) => {
      if (!(await cors(req, res))) res.writeHead(200).end('graphql');
    },
    0,
    '127.0.0.1',
  );
});
afterAll(() => server?.close());

describe('CORS', () => {
  it('answers an allowed origin\'s preflight and marks its responses', async () => {
    const preflight = await fetch(server.url, { method: 'OPTIONS', headers: { origin: 'https://app.example.com', 'access-control-request-headers': 'content-type, authorization' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
    const post = await fetch(server.url, { method: 'POST', headers: { origin: 'https://app.example.com' } });
    expect(await post.text()).toBe('graphql');
    expect(post.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
  });

  it('gives another origin nothing a browser would accept, while the request itself still reaches GraphQL', async () => {
    const preflight = await fetch(server.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example.com' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const post = await fetch(server.url, { method: 'POST', headers: { origin: 'https://evil.example.com' } });
    expect(await post.text()).toBe('graphql');
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });
});
