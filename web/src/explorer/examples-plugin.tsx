import { useGraphiQL, useGraphiQLActions, type GraphiQLPlugin } from '@graphiql/react';
import { CREDENTIAL_HELP } from './headers.ts';
import { EXAMPLES, variablesFor, type Credentials, type ExampleOperation } from './examples.ts';

const NEEDS: Record<Credentials, string> = {
  anyone: 'no credentials',
  user: 'a user token',
  partner: 'a partner key',
};

/** Hints mark commands and code with backticks, as the README does. */
function Hint({ text }: { text: string }) {
  return <p>{text.split('`').map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part))}</p>;
}

function ExamplesIcon() {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <path d="M5 4h11l3 3v13H5z" />
      <path d="M8 10h8M8 13h8M8 16h5" />
    </svg>
  );
}

function ExamplesPanel() {
  const queryEditor = useGraphiQL((state) => state.queryEditor);
  const variableEditor = useGraphiQL((state) => state.variableEditor);
  const headerEditor = useGraphiQL((state) => state.headerEditor);
  const { addTab, setOperationName } = useGraphiQLActions();

  // An example replaces the tab's operation only when that is empty or another example;
  // otherwise it opens in a new tab that keeps this tab's headers (the credentials).
  function open(example: ExampleOperation) {
    if (!queryEditor || !variableEditor) return;
    const current = queryEditor.getValue().trim();
    if (current !== '' && !EXAMPLES.some((candidate) => candidate.query === current)) {
      const headers = headerEditor?.getValue();
      addTab();
      if (headers !== undefined) headerEditor?.setValue(headers);
    }
    queryEditor.setValue(example.query);
    // New idempotency keys each time it is opened: a key the walk-through already spent would be refused.
    const variables = variablesFor(example);
    variableEditor.setValue(variables ? JSON.stringify(variables, null, 2) : '');
    // GraphiQL re-reads operation names from the editor after a pause; until then Run would send
    // the previous operation's name with the new document.
    const firstOperation = /\b(?:query|mutation|subscription)\s+(\w+)/.exec(example.query)?.[1];
    if (firstOperation) setOperationName(firstOperation);
  }

  const walkthroughs = [...new Set(EXAMPLES.map((example) => example.walkthrough))];
  return (
    <div className="examples">
      <div className="graphiql-doc-explorer-title">Examples</div>
      <p>
        One per step of the walk-throughs in <code>docs/walkthroughs.md</code>. Put credentials in the <strong>Headers</strong> tab below the editor: a user token from{' '}
        <code>{CREDENTIAL_HELP.user.command}</code> as <code>{CREDENTIAL_HELP.user.header}</code>, or a partner key from{' '}
        <code>{CREDENTIAL_HELP.partner.command}</code> as <code>{CREDENTIAL_HELP.partner.header}</code>. An example with inputs fills the{' '}
        <strong>Variables</strong> tab too; replace a <code>&lt;placeholder&gt;</code> with an id from an earlier step’s answer.
      </p>
      {walkthroughs.map((walkthrough) => (
        <section key={walkthrough}>
          <h3>{walkthrough}</h3>
          <ul>
            {EXAMPLES.filter((example) => example.walkthrough === walkthrough).map((example) => (
              <li key={example.id}>
                <button type="button" data-example={example.id} onClick={() => open(example)}>
                  {example.title}
                </button>
                <span className={`needs needs-${example.credentials}`}>needs {NEEDS[example.credentials]}</span>
                <Hint text={example.hint} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

export const examplesPlugin: GraphiQLPlugin = { title: 'Examples', icon: ExamplesIcon, content: ExamplesPanel };
