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

describe('CORS for pages on this machine', () => {
  const answer = async (localOrigins: boolean, origin: string) => {
    const cors = useCors(['https://app.example.com'], { localOrigins });
    const running = await listen(
      async (req, res) => {
        if (!(await cors(req, res))) res.writeHead(200).end('graphql');
      },
      0,
      '127.0.0.1',
    );
    try {
      const preflight = await fetch(running.url, { method: 'OPTIONS', headers: { origin } });
      const post = await fetch(running.url, { method: 'POST', headers: { origin } });
      return { preflight: preflight.headers.get('access-control-allow-origin'), post: post.headers.get('access-control-allow-origin') };
    } finally {
      await running.close();
    }
  };

  it('allows http://localhost and http://127.0.0.1 on any port in development, with the configured origins still allowed', async () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000', 'http://localhost', 'https://app.example.com']) {
      expect(await answer(true, origin), origin).toEqual({ preflight: origin, post: origin });
    }
  });

  it('allows no look-alike of a local origin (another host, https, a path, userinfo)', async () => {
    for (const origin of ['http://localhost.example.com', 'http://localhost:5173.evil.com', 'https://localhost:5173', 'http://evil.com@localhost:1', 'http://127.0.0.2:3000', 'http://localhost:5173/x']) {
      expect(await answer(true, origin), origin).toEqual({ preflight: null, post: null });
    }
  });

  it('allows local origins not at all in production (only CORS_ORIGINS)', async () => {
    expect(await answer(false, 'http://localhost:5173')).toEqual({ preflight: null, post: null });
    expect(await answer(false, 'https://app.example.com')).toEqual({ preflight: 'https://app.example.com', post: 'https://app.example.com' });
  });
});
