import { useEffect } from 'react';
import { useT } from '../i18n';

/** Sets the document title to `<title> · 一次办 OneTrip` while the page is shown. */
export function usePageTitle(title: string | undefined): void {
  const t = useT();
  useEffect(() => {
    document.title = title ? `${title} · ${t('app.name')}` : t('app.name');
  }, [title, t]);
}
