import { describe, expect, it } from 'vitest';
import { ConfigError } from '@app/kit/config';
import { explorerMode } from './explorer-mode.ts';

describe('explorerMode', () => {
  it('is the self-hosted GraphiQL in development unless EXPLORER says otherwise', () => {
    expect(explorerMode({})).toBe('graphiql');
    expect(explorerMode({ EXPLORER: 'sandbox' })).toBe('sandbox');
    expect(explorerMode({ EXPLORER: ' Off ' })).toBe('off');
  });

  it('is off in production whatever EXPLORER says', () => {
    expect(explorerMode({ NODE_ENV: 'production' })).toBe('off');
    expect(explorerMode({ NODE_ENV: 'production', EXPLORER: 'sandbox' })).toBe('off');
  });

  it('refuses a value that is not a mode, naming the valid ones', () => {
    expect(() => explorerMode({ EXPLORER: 'playground' })).toThrow(ConfigError);
    expect(() => explorerMode({ EXPLORER: 'playground' })).toThrow(/graphiql, sandbox, off/);
  });
});
