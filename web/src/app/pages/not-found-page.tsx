import { useT } from '../../i18n';
import { StatusPage } from './status-page';

/** The page for an address the app does not know. */
export default function NotFoundPage() {
  const t = useT();
  return (
    <StatusPage status="404" heading={t('notFound.title')} subTitle={t('notFound.subtitle')} />
  );
}
