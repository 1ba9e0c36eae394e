import { Link } from '../router';
import { t, typeName } from '../i18n';
import { hrefOf, type Crumb } from './routes';

/** Breadcrumb shows the path ministry › map › sphere › … with a link on every step but the last. */
export function Breadcrumb({ crumbs, current = true }: { crumbs: Crumb[]; current?: boolean }) {
  if (!crumbs.length) return null;
  return (
    <nav aria-label={t('common.breadcrumb')} className="crumbs">
      <ol>
        {crumbs.map((c, i) => {
          const last = i === crumbs.length - 1 && current;
          return (
            <li key={c.id + i} title={typeName(c.type)}>
              {last ? (
                <span aria-current="page">{c.name}</span>
              ) : (
                <Link to={hrefOf(c.type, c.id, crumbs.slice(0, i + 1))}>{c.name}</Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
