import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors/index.js';
import { WINDOW_STAFF_ERROR_CODES as CODES } from '../../../shared/contracts/index.js';
import type { Grade } from './window-staff.rules.js';

/** Typed errors of window staff, with stable codes. */
export const WindowStaffErrors = {
  /** 403: the clerk's grade may not accept these matters (named with their difficulty). */
  gradeNotAllowed: (
    grade: Grade,
    matters: { code: string; name: { zh: string; en: string }; difficulty: number }[],
  ) =>
    new ForbiddenError(
      CODES.gradeNotAllowed,
      {
        zh: `${grade.name.zh}受理员不能受理：${matters
          .map((m) => `“${m.name.zh}”（难度 ${m.difficulty} 级）`)
          .join(
            '、',
          )}；${grade.name.zh}最高可受理难度 ${grade.maxDifficulty} 级的事项，请转交更高等级的受理员`,
        en: `A ${grade.name.en} clerk may not accept ${matters
          .map((m) => `“${m.name.en}” (difficulty ${m.difficulty})`)
          .join(
            ', ',
          )}: the grade accepts matters up to difficulty ${grade.maxDifficulty}; pass the applicant to a higher-graded clerk`,
      },
      {
        grade: grade.id,
        maxDifficulty: grade.maxDifficulty,
        matters: matters.map((m) => ({ code: m.code, difficulty: m.difficulty })),
      },
    ),
  gradeUnknown: (grade: string, known: string[]) =>
    new ValidationError(
      CODES.gradeUnknown,
      { zh: `没有等级 ${grade}`, en: `There is no grade ${grade}` },
      [{ path: 'grade', code: 'unknown_grade', message: `one of ${known.join(', ')}` }],
    ),
  clerkNotFound: () =>
    new NotFoundError(CODES.clerkNotFound, {
      zh: '没有该窗口受理员账号',
      en: 'There is no window clerk account with this id',
    }),
  forbidden: () =>
    new ForbiddenError(CODES.forbidden, {
      zh: '窗口积分仅供效能监察人员和窗口受理员本人查看',
      en: 'Window points are for the supervision office and the clerks themselves',
    }),
  changeForbidden: () =>
    new ForbiddenError(CODES.forbidden, {
      zh: '只有管理员或效能监察人员可以调整受理员等级',
      en: 'Only an administrator or the supervision office may change a clerk’s grade',
    }),
};
