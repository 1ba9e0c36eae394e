import { fmt, t } from '../i18n';
import type { Pages } from '../api/pages';

/** ShowMore says how many of the total are shown ("N of M") and offers the next page. */
export function ShowMore<N>({ pages }: { pages: Pages<N> }) {
  return (
    <div className="show-more">
      <span className="muted" role="status">
        {t('common.shownOf', { shown: fmt(pages.nodes.length), total: fmt(pages.total) })}
      </span>{' '}
      {pages.hasMore && (
        <button type="button" onClick={pages.more} disabled={pages.loadingMore}>
          {pages.loadingMore ? t('common.loading') : t('common.more')}
        </button>
      )}
      {pages.moreError && (
        <p role="alert" className="error">
          {t('common.error', { message: pages.moreError.message })}
        </p>
      )}
    </div>
  );
}
