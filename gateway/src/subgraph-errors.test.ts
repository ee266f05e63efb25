import { describe, expect, it } from 'vitest';
import { subgraphFailureError } from './subgraph-errors.ts';

const shown = (error: ReturnType<typeof subgraphFailureError>) => ({ message: error.message, extensions: error.extensions });

describe('what a failed subgraph fetch becomes for the client', () => {
  it('is SERVICE_UNAVAILABLE naming the service when it is down, slow or failing', () => {
    expect(shown(subgraphFailureError('gifts', { kind: 'unreachable' }))).toEqual({ message: 'The gifts service is unavailable; data from it is missing.', extensions: { code: 'SERVICE_UNAVAILABLE', service: 'gifts' } });
    expect(subgraphFailureError('gifts', { kind: 'timeout' }).message).toMatch(/did not answer in time/);
    expect(subgraphFailureError('gifts', { kind: 'http', status: 502, body: '<html>bad gateway at 10.0.0.3</html>' }).extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', service: 'gifts' });
    expect(subgraphFailureError('gifts', { kind: 'http', status: 500, body: { errors: [{ message: 'x', extensions: { code: 'CONFLICT' } }] } }).extensions.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('is PAYLOAD_TOO_LARGE for a 413, whatever the body', () => {
    for (const body of [{ errors: [{ message: 'The request body is larger than 10 bytes.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }, '<h1>413</h1>']) {
      const error = subgraphFailureError('commerce', { kind: 'http', status: 413, body });
      expect(error.extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE', service: 'commerce' });
      expect(error.message).toMatch(/too large for the commerce service/);
    }
  });

  it('passes on the subgraph\'s own coded error from another 4xx, with the service', () => {
    const body = { errors: [{ message: 'Variable "$at" got invalid value "soon"; Expected a DateTime.', extensions: { code: 'BAD_USER_INPUT' } }, { message: 'second' }] };
    expect(shown(subgraphFailureError('content', { kind: 'http', status: 400, body }))).toEqual({ message: body.errors[0]!.message, extensions: { code: 'BAD_USER_INPUT', service: 'content' } });
  });

  it('is SUBREQUEST_HTTP_ERROR with the status for a 4xx that says nothing a client may see', () => {
    for (const body of ['Not Found', { errors: [{ message: 'at /srv/app.js:10', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }, null]) {
      const error = subgraphFailureError('users', { kind: 'http', status: 404, body });
      expect(shown(error)).toEqual({ message: 'The users service refused the request (HTTP 404); data from it is missing.', extensions: { code: 'SUBREQUEST_HTTP_ERROR', service: 'users', status: 404 } });
    }
  });
});
