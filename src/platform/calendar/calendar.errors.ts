import { AppError, ConflictError, ValidationError, type FieldIssue } from '../errors/index.js';

/** Code of {@link CalendarYearUnknownError}. */
export const CALENDAR_YEAR_UNKNOWN = 'CALENDAR_YEAR_UNKNOWN';

/** Code of the error a malformed year file raises. */
export const CALENDAR_INVALID_YEAR_FILE = 'CALENDAR_INVALID_YEAR_FILE';

/**
 * 422 `CALENDAR_YEAR_UNKNOWN`: a computation needed a day of a year for which no holiday
 * arrangement is loaded. The platform never guesses (research §0 item 4): every package
 * tested silently treats such a year as plain Monday–Friday weeks, which is wrong around
 * every holiday. Details carry `{ year }`.
 */
export class CalendarYearUnknownError extends AppError {
  constructor(readonly year: number) {
    super(
      422,
      CALENDAR_YEAR_UNKNOWN,
      {
        zh: `尚未载入${year}年的节假日安排，无法计算工作日；请管理员在国务院办公厅发布通知后添加该年度数据`,
        en: `No holiday arrangement is loaded for ${year}, so working days cannot be computed; an administrator adds the year once the State Council notice is published`,
      },
      { year },
    );
  }
}

/** 422 `CALENDAR_INVALID_YEAR_FILE`: a year file broke the schema; issues name each field. */
export function invalidYearFileError(issues: FieldIssue[], file?: string): ValidationError {
  const where = file === undefined ? '' : ` (${file})`;
  return new ValidationError(
    CALENDAR_INVALID_YEAR_FILE,
    {
      zh: `节假日年度数据文件有误${where}：${issues.map((i) => `${i.path}: ${i.message}`).join('；')}`,
      en: `The calendar year file is invalid${where}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    },
    issues,
  );
}

/** 409 `CALENDAR_YEAR_EXISTS`: the data folder already holds a file for that year. */
export function yearExistsError(year: number, file: string): ConflictError {
  return new ConflictError(
    'CALENDAR_YEAR_EXISTS',
    {
      zh: `${year}年的节假日数据已存在（${file}），如需替换请明确指定`,
      en: `Calendar data for ${year} already exists (${file}); ask explicitly to replace it`,
    },
    { year, file },
  );
}
