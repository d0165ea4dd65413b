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

/**
 * 好差评: rate the whole application and, if wished, each department that had a step; once
 * given, the rating is shown instead of the form.
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

  if (application.evaluations.length > 0) {
    const overall = application.evaluations.find((e) => e.department === null);
    return (
      <div className="rating-done">
        <p>{t('rating.given', { score: overall ? t(scoreKey(overall.score)) : '—' })}</p>
        {overall?.comment && <p className="rating-done__comment">{overall.comment}</p>}
        <ul className="plain-list">
          {application.evaluations
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
  }

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
  );
}
