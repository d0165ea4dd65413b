import { pino, type DestinationStream, type Logger } from 'pino';
import { scrubLogLine } from './scrub.js';

export { findIdNumbers, isIdNumber, maskIdNumbersIn } from './id-scan.js';
export { MASKED_FIELD, REDACTED_KEY, scrubLogLine } from './scrub.js';

/**
 * Paths redacted from every log line: credentials and personal data never reach the log raw
 * (phone numbers, passwords, one-time codes, tokens, cookies). Keys naming an identity number
 * and database error details are redacted at any depth by {@link scrubLogLine}.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.totp',
  '*.token',
  '*.phone',
  '*.creditCode',
  '*.secret',
];

/** What the request serializer reads of a Fastify request. */
interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number } | null;
}

/**
 * A request as logged: Fastify's fields, but the query string keeps only its parameter names,
 * because searches carry identity numbers, names and receipt numbers
 * (`/api/v1/hand-overs?q=*&state=*`).
 */
function requestSerializer(req: LoggedRequest) {
  const [pathname, query] = req.url.split('?', 2);
  const names = query === undefined ? [] : [...new URLSearchParams(query).keys()];
  return {
    method: req.method,
    url: query === undefined ? pathname : `${pathname}?${names.map((n) => `${n}=*`).join('&')}`,
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/**
 * Creates the platform logger: REDACT_PATHS are censored, and every serialized line passes
 * {@link scrubLogLine} (ID-number keys and `detail` at any depth, then any identity number left
 * in the text is masked). Lines go to `destination` (stdout by default), pretty-printed in
 * development when stdout is a terminal.
 */
export function createLogger(options: {
  level: string;
  pretty: boolean;
  destination?: DestinationStream;
}): Logger {
  const settings = {
    level: options.level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { req: requestSerializer },
    hooks: { streamWrite: scrubLogLine },
  };
  if (options.destination) return pino(settings, options.destination);
  return pino({
    ...settings,
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
