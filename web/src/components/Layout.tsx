import { useEffect, type ReactNode } from 'react';
import { Link, useLocation } from '../router';
import { t, type MessageKey } from '../i18n';

const nav: [string, MessageKey][] = [
  ['/search', 'nav.search'],
  ['/', 'nav.browse'],
  ['/graph', 'nav.graph'],
  ['/analytics', 'nav.analytics'],
  ['/sources', 'nav.sources'],
];

function active(path: string, to: string): boolean {
  if (to === '/') return path === '/' || /^\/(ministry|sphere|entity|group|system|source)\//.test(path);
  return path === to || path.startsWith(to + '/');
}

/** Layout: skip link, header with the main navigation, and the page in <main>. */
export function Layout({ children }: { children: ReactNode }) {
  const { path } = useLocation();
  // "/" focuses the search box from anywhere (unless typing in a field).
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      if (el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))) return;
      const box = document.getElementById('search-box') as HTMLInputElement | null;
      e.preventDefault();
      if (box) {
        box.focus();
        box.select();
      } else {
        window.history.pushState(null, '', '/search');
        window.dispatchEvent(new PopStateEvent('popstate'));
        setTimeout(() => document.getElementById('search-box')?.focus(), 0);
      }
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, []);
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <Link to="/" className="brand">
          <strong>{t('app.name')}</strong> <span>{t('app.tagline')}</span>
        </Link>
        <nav aria-label={t('nav.main')}>
          <ul>
            {nav.map(([to, key]) => (
              <li key={to}>
                <Link to={to} aria-current={active(path, to) ? 'page' : undefined}>
                  {t(key)}
                </Link>
              </li>
            ))}
            <li>
              <a href="/graphiql">{t('nav.graphiql')}</a>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
