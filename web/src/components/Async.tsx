import type { ReactNode } from 'react';
import type { QueryState } from '../api/client';
import { t } from '../i18n';

/** Async shows a loading line, an error, or the content once data is there. */
export function Async<T>({ state, children }: { state: QueryState<T>; children: (data: T) => ReactNode }) {
  if (state.error)
    return (
      <p role="alert" className="error">
        {t('common.error', { message: state.error.message })}
      </p>
    );
  if (!state.data)
    return (
      <p className="muted" role="status">
        {t('common.loading')}
      </p>
    );
  return <>{children(state.data)}</>;
}
