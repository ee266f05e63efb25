import 'graphiql/style.css';
import './explorer.css';
import './workers.ts';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { examplesPlugin } from './examples-plugin.tsx';
import { FIRST_EXAMPLE } from './examples.ts';
import { gatewayFetcher } from './fetcher.ts';
import { DEFAULT_HEADERS } from './headers.ts';

// The gateway that served this page answers GraphQL (and subscriptions) on the same origin.
const fetcher = gatewayFetcher(window.location.href);

createRoot(document.getElementById('explorer')!).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      // Passing plugins replaces GraphiQL's default list, so history is named again.
      plugins={[examplesPlugin, HISTORY_PLUGIN]}
      visiblePlugin={examplesPlugin}
      defaultHeaders={DEFAULT_HEADERS}
      defaultTabs={[{ query: FIRST_EXAMPLE.query, variables: JSON.stringify(FIRST_EXAMPLE.variables ?? {}, null, 2), headers: DEFAULT_HEADERS }]}
      defaultEditorToolsVisibility="headers"
      shouldPersistHeaders={false}
    >
      <GraphiQL.Logo>Video commerce graph</GraphiQL.Logo>
    </GraphiQL>
  </StrictMode>,
);
