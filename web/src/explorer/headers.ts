/**
 * What the headers editor shows in a new tab: nothing is sent (GraphiQL reads it as JSON with
 * comments), and the comments say how to get credentials, as the README's "Acting as someone"
 * does. Headers are not persisted in the browser's storage, so a token does not outlive the tab.
 */
export const DEFAULT_HEADERS = `{
  // Anonymous until you add credentials (README: "Acting as someone").
  // As a user: run  npm run token -- maya.cooking  (any seeded handle), then uncomment:
  // "Authorization": "Bearer <paste the token>"
  // As a partner: run  npm run keys -- create --partner brd_XUMDqD4HV8ye --scopes catalog:read,catalog:write
  // (the key is printed once), then uncomment:
  // "x-api-key": "<paste the vck_… key>"
}
`;

export const CREDENTIAL_HELP = {
  user: { command: 'npm run token -- <handle>', header: 'Authorization: Bearer <token>' },
  partner: { command: 'npm run keys -- create --partner <brandId> --scopes <scopes>', header: 'x-api-key: vck_…' },
} as const;
