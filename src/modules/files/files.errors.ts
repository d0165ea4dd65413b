import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors/index.js';

/** Typed errors of the files module. */
export const FilesErrors = {
  missing: () =>
    new ValidationError(
      'FILES_MISSING',
      { zh: '请选择要上传的文件', en: 'Choose a file to upload' },
      [{ path: 'file', code: 'required', message: 'a multipart field named "file" is required' }],
    ),
  tooLarge: (limit: number) =>
    new ValidationError(
      'FILES_TOO_LARGE',
      {
        zh: `文件超过大小上限（${Math.round(limit / 1048576)} MB）`,
        en: `The file is larger than the limit (${Math.round(limit / 1048576)} MB)`,
      },
      [{ path: 'file', code: 'too_large', message: `at most ${limit} bytes` }],
    ),
  unsupportedType: () =>
    new ValidationError(
      'FILES_UNSUPPORTED_TYPE',
      {
        zh: '文件类型不受支持，请上传 PDF、OFD、JPEG 或 PNG 文件',
        en: 'Unsupported file type: upload a PDF, OFD, JPEG or PNG file',
      },
      [
        {
          path: 'file',
          code: 'unsupported_type',
          message: 'the content is not PDF, OFD, JPEG, PNG, GIF or WebP',
        },
      ],
    ),
  notFound: () => new NotFoundError('FILES_NOT_FOUND', { zh: '文件不存在', en: 'No such file' }),
  forbidden: () =>
    new ForbiddenError('FILES_FORBIDDEN', {
      zh: '无权查看该文件',
      en: 'You may not see this file',
    }),
};
