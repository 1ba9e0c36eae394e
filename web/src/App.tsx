import { lazy, Suspense, useEffect } from 'react';
import { match, useLocation } from './router';
import { Layout } from './components/Layout';
import { t } from './i18n';
import { SearchPage } from './pages/SearchPage';
import { HomePage } from './pages/HomePage';
import { MinistryPage } from './pages/MinistryPage';
import { SpherePage } from './pages/SpherePage';
import { EntityPage } from './pages/EntityPage';
import { ProcessGroupPage } from './pages/ProcessGroupPage';
import { SystemPage } from './pages/SystemPage';
import { SourcePage } from './pages/SourcePage';
import { AnalyticsPage } from './pages/AnalyticsPage';
import { DataSourcesPage } from './pages/DataSourcesPage';

// The graph page pulls in the graph library: loaded only when opened.
const GraphPage = lazy(() => import('./pages/GraphPage'));

type Route = [string, (p: Record<string, string>) => React.ReactNode];

const routes: Route[] = [
  ['/', () => <HomePage />],
  ['/search', () => <SearchPage />],
  ['/ministry/:id', (p) => <MinistryPage id={p.id} />],
  ['/sphere/:id', (p) => <SpherePage id={p.id} />],
  ['/entity/:id', (p) => <EntityPage id={p.id} />],
  ['/group/:id', (p) => <ProcessGroupPage id={p.id} />],
  ['/system/:id', (p) => <SystemPage id={p.id} />],
  ['/source/:id', (p) => <SourcePage id={p.id} />],
  ['/graph', () => <GraphPage />],
  ['/analytics', () => <AnalyticsPage />],
  ['/sources', () => <DataSourcesPage />],
];

function NotFound() {
  return (
    <section>
      <h1>{t('common.notFound')}</h1>
      <p>{t('common.notFoundText')}</p>
    </section>
  );
}

export function App() {
  const { path } = useLocation();
  let page: React.ReactNode = <NotFound />;
  for (const [pattern, render] of routes) {
    const m = match(pattern, path);
    if (m) {
      page = render(m);
      break;
    }
  }
  useEffect(() => {
    // Move focus to the new page for screen readers and keyboard users.
    const main = document.getElementById('main');
    if (main && !window.location.hash && !main.contains(document.activeElement)) main.focus({ preventScroll: true });
  }, [path]);
  return (
    <Layout>
      <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
        <div key={path}>{page}</div>
      </Suspense>
    </Layout>
  );
}
