import { pino, type Logger } from 'pino';

/**
 * Paths redacted from every log line: credentials and personal data never reach the log raw
 * (identity numbers, phone numbers, passwords, one-time codes, tokens, cookies).
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.totp',
  '*.token',
  '*.idNumber',
  '*.phone',
  '*.creditCode',
  '*.secret',
];

/** Creates the platform logger; pretty-printed in development when stdout is a terminal. */
export function createLogger(options: { level: string; pretty: boolean }): Logger {
  return pino({
    level: options.level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    ...(options.pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
          },
        }
      : {}),
  });
}

export type { Logger };
