import { useState } from 'react';
import { Alert, App, Button, Input, Radio } from 'antd';
import type { ApplicationView } from '@contracts/cases';
import { useT, type MessageKey } from '../../i18n';
import { useDepartmentName } from '../catalog';
import { useEvaluate } from '../cases';

const SCORES = [5, 4, 3, 2, 1] as const;

/** The label of a rating (好差评): 5 非常满意 … 1 非常不满意. */
export function scoreKey(score: number): MessageKey {
  return `rating.score${Math.min(5, Math.max(1, Math.round(score)))}` as MessageKey;
}

function ScoreChoice({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number | undefined;
  onChange: (score: number) => void;
}) {
  const t = useT();
  return (
    <div className="rating-form__row">
      <span className="rating-form__label">{label}</span>
      <Radio.Group
        aria-label={label}
        value={value}
        onChange={(e) => onChange(e.target.value as number)}
        optionType="button"
        options={SCORES.map((s) => ({ value: s, label: t(scoreKey(s)) }))}
      />
    </div>
  );
}

/** The ratings given so far, the latest first: overall, then per department. */
function GivenRatings({ evaluations }: { evaluations: ApplicationView['evaluations'] }) {
  const t = useT();
  const departmentName = useDepartmentName();
  // One rating is the set given at one time; the latest comes first.
  const rounds = [...new Set(evaluations.map((e) => e.at))].sort().reverse();
  return (
    <>
      {rounds.map((at) => {
        const round = evaluations.filter((e) => e.at === at);
        const overall = round.find((e) => e.department === null);
        return (
          <div className="rating-done" key={at}>
            <p>{t('rating.given', { score: overall ? t(scoreKey(overall.score)) : '—' })}</p>
            {overall?.comment && <p className="rating-done__comment">{overall.comment}</p>}
            <ul className="plain-list">
              {round
                .filter((e) => e.department)
                .map((e) => (
                  <li key={e.department}>
                    {t('common.pair', {
                      label: departmentName(e.department),
                      value: t(scoreKey(e.score)),
                    })}
                  </li>
                ))}
            </ul>
          </div>
        );
      })}
    </>
  );
}

/**
 * 好差评: rate the whole application and, if wished, each department that had a step; once
 * given, the rating is shown instead of the form — until the follow-ups of a poor rating are
 * closed, when the applicant may rate again.
 */
export function RatingForm({ application }: { application: ApplicationView }) {
  const t = useT();
  const departmentName = useDepartmentName();
  const { message } = App.useApp();
  const evaluate = useEvaluate(application.id);
  const [score, setScore] = useState<number>();
  const [comment, setComment] = useState('');
  const [departments, setDepartments] = useState<Record<string, number>>({});
  const codes = [...new Set(application.tasks.map((task) => task.department))];

  const given = application.evaluations.length > 0 && (
    <GivenRatings evaluations={application.evaluations} />
  );
  if (!application.ratingOpen) return given || null;

  function send() {
    if (!score) return;
    evaluate.mutate(
      {
        score,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(Object.keys(departments).length > 0
          ? {
              departments: Object.entries(departments).map(([department, s]) => ({
                department,
                score: s,
              })),
            }
          : {}),
      },
      { onSuccess: () => void message.success(t('rating.thanks')) },
    );
  }

  return (
    <>
      {given && (
        <>
          <p className="rating-again" role="status">
            {t('rating.again')}
          </p>
          <h3 className="rating-history">{t('rating.history')}</h3>
          {given}
        </>
      )}
      <div className="rating-form">
        <ScoreChoice label={t('rating.overall')} value={score} onChange={setScore} />
        {codes.length > 1 &&
          codes.map((code) => (
            <ScoreChoice
              key={code}
              label={departmentName(code)}
              value={departments[code]}
              onChange={(s) => setDepartments((d) => ({ ...d, [code]: s }))}
            />
          ))}
        <label className="rating-form__comment">
          <span>{t('rating.comment')}</span>
          <Input.TextArea
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            maxLength={1000}
            autoSize={{ minRows: 2, maxRows: 6 }}
          />
        </label>
        {evaluate.error && (
          <Alert type="error" showIcon role="alert" title={evaluate.error.message} />
        )}
        <Button type="primary" onClick={send} disabled={!score} loading={evaluate.isPending}>
          {t('rating.submit')}
        </Button>
      </div>
    </>
  );
}
