// The bundled GraphiQL at /graphiql: no CDN, opens with a Karta example and
// lists the operations of frontend-schema/operations/ (read at build time).
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import type { GraphiQLPlugin } from '@graphiql/react';
import 'graphiql/style.css';
import { operations, type Operation } from './operations';
import './graphiql.css';

const example = `# Карта — GraphQL API каталога карт цифровой трансформации.
# Нажмите ▶ (Ctrl+Enter), чтобы выполнить запрос. Слева — готовые операции
# из frontend-schema/operations/; обозреватель каталога — на странице /.
query Example {
  search(query: "спортсмены", first: 5) {
    totalCount
    hits { type name snippet breadcrumb { type name } }
  }
  ministries(first: 10, where: {hasMaps: true}) {
    totalCount
    edges { node { shortName name spheres(first: 0) { totalCount } } }
  }
}
`;

async function fetcher(params: unknown) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(params),
  });
  return res.json();
}

function OperationList({ onPick }: { onPick: (op: Operation) => void }) {
  return (
    <div className="karta-ops">
      <h2>Операции Карты</h2>
      <p>Файлы frontend-schema/operations/. Переменные — пример; ID подставьте свои.</p>
      <ul>
        {operations.map((op) => (
          <li key={op.file}>
            <button type="button" onClick={() => onPick(op)} title={op.summary}>
              <strong>{op.name}</strong>
              <span>{op.file}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function App() {
  const [picked, setPicked] = useState<{ query: string; variables: string } | null>(null);
  const plugin: GraphiQLPlugin = {
    title: 'Операции Карты',
    icon: () => <span aria-hidden="true">☰</span>,
    content: () => <OperationList onPick={(op) => setPicked({ query: op.text, variables: op.variables })} />,
  };
  return (
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={example}
      query={picked?.query}
      variables={picked?.variables}
      plugins={[plugin]}
      visiblePlugin={plugin}
    >
      <GraphiQL.Logo>
        <a href="/">Карта</a> · GraphiQL
      </GraphiQL.Logo>
    </GraphiQL>
  );
}

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
