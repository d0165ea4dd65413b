import './portal.css';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Button, Skeleton, Tag } from 'antd';
import { EditOutlined, FormOutlined } from '@ant-design/icons';
import { StatusPage } from '../../app/pages/status-page';
import { usePageTitle } from '../../app/use-page-title';
import { useT } from '../../i18n';
import { useAccount } from '../auth';
import { useBi, useBundleSearch, useGuide, type SubjectKind } from '../catalog';
import { draftKey, useDateTime, useDrafts } from '../cases/light';
import { GuideBasis, GuideFacts, GuideMaterials, GuideSteps } from './guide-sections';

/**
 * 办事指南: the guide of a matter or bundle — key facts, steps as a graph, the materials and
 * how each will be satisfied, conditions, results and legal basis — with "apply online" (or
 * "continue the draft") for an applicant who may apply. Public: a visitor reads it too and
 * sees "apply online", which asks them to sign in first and comes back to the wizard.
 */
export default function GuidePage({ kind }: { kind: SubjectKind }) {
  const t = useT();
  const bi = useBi();
  const me = useAccount();
  const navigate = useNavigate();
  const dateTime = useDateTime();
  const { code = '' } = useParams();
  const guide = useGuide(kind, code);
  const applicant = me?.kind === 'person' || me?.kind === 'company';
  const drafts = useDrafts(applicant);
  const bundles = useBundleSearch({});
  usePageTitle(guide.data ? bi(guide.data.name) : t('guide.title'));

  if (guide.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (guide.isError) {
    return guide.error.status === 404 ? (
      <StatusPage status="404" heading={t('guide.title')} subTitle={t('guide.notFound')} />
    ) : (
      <Alert type="error" showIcon role="alert" title={guide.error.message} />
    );
  }
  const g = guide.data;
  const draft = drafts.data?.find((d) => d.key === draftKey(kind, code));
  const online = g.channels.some((c) => c === 'online' || c === 'mobile');
  // A visitor may apply once signed in as a person or a company, if the guide takes either.
  const mayApply =
    online &&
    (me
      ? (me.kind === 'person' || me.kind === 'company') && g.applicantTypes.includes(me.kind)
      : g.applicantTypes.some((a) => a === 'person' || a === 'company'));
  const applyPath = `/apply/${kind}/${encodeURIComponent(code)}`;

  return (
    <article className="guide-page">
      <header className="guide-page__header">
        <p className="guide-page__kicker">
          {g.subject === 'bundle' ? (
            <Tag color="purple">{t('guide.bundleTag')}</Tag>
          ) : (
            <Tag>{bi(g.kindName)}</Tag>
          )}
          {t('guide.title')}
        </p>
        <h1 className="page-heading">{bi(g.name)}</h1>
        {g.description && <p className="page-intro">{bi(g.description)}</p>}
        {(applicant || (!me && mayApply)) && (
          <div className="guide-page__actions">
            {mayApply ? (
              <>
                {draft ? (
                  <>
                    <Button
                      type="primary"
                      size="large"
                      icon={<EditOutlined aria-hidden />}
                      onClick={() => void navigate(applyPath)}
                    >
                      {t('guide.resume')}
                    </Button>
                    <span className="guide-page__draft-note">
                      {t('guide.draftSaved', { at: dateTime(draft.updatedAt) })}
                    </span>
                  </>
                ) : (
                  <Button
                    type="primary"
                    size="large"
                    icon={<FormOutlined aria-hidden />}
                    onClick={() => void navigate(applyPath)}
                  >
                    {t('guide.apply')}
                  </Button>
                )}
                {!me && <span className="guide-page__draft-note">{t('guide.signInToApply')}</span>}
              </>
            ) : (
              <Alert type="info" showIcon title={t('guide.cannotApply')} />
            )}
          </div>
        )}
        {g.subject === 'matter' && g.bundles.length > 0 && (
          <p className="guide-page__bundles">
            {t('guide.alsoInBundle')}{' '}
            {g.bundles.map((b) => (
              <Link
                key={b}
                to={`/bundles/${encodeURIComponent(b)}`}
                className="guide-page__bundle-link"
              >
                {bi(bundles.data?.find((x) => x.code === b)?.name) || b}
              </Link>
            ))}
          </p>
        )}
      </header>

      <GuideFacts guide={g} />
      <GuideSteps guide={g} />
      <GuideMaterials guide={g} />
      <GuideBasis guide={g} />
    </article>
  );
}
