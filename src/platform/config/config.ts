import path from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every environment variable the platform reads, with its meaning (also the README table). */
export const ConfigEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  ONETRIP_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  ONETRIP_PUBLIC_URL: z.url().optional(),
  ONETRIP_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ONETRIP_HMAC_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ONETRIP_DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
  ONETRIP_LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
  ONETRIP_LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  ONETRIP_SESSION_HOURS: z.coerce.number().positive().default(12),
  ONETRIP_MAX_UPLOAD_MB: z.coerce.number().positive().default(20),
  ONETRIP_PDF_FONT: z.string().min(1).optional(),
  ONETRIP_PDF_FONT_BOLD: z.string().min(1).optional(),
});

/** The validated configuration every part of the platform is built from. */
export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  secrets: { session: string; hmac: string };
  demo: 'auto' | 'on' | 'off';
  logLevel: (typeof LOG_LEVELS)[number];
  loginRateLimitPerMinute: number;
  sessionHours: number;
  maxUploadBytes: number;
  /** The CJK fonts of printed documents (`file.ttf` or `file.ttc#PostScriptName`); found on the system when unset. */
  pdfFonts: { regular: string | undefined; bold: string | undefined };
}

/** Thrown by loadConfig with every problem found, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

// Development-only secrets: loadConfig refuses to use them in production.
const DEV_SECRET = 'onetrip-development-secret-not-for-production-use';

/**
 * Validates the environment once and returns the configuration; throws ConfigError listing
 * every problem (not just the first). Production needs real secrets and refuses demo mode.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = ConfigEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  const production = e.NODE_ENV === 'production';
  if (production) {
    if (!e.ONETRIP_SESSION_SECRET) problems.push('ONETRIP_SESSION_SECRET: required in production');
    if (!e.ONETRIP_HMAC_SECRET) problems.push('ONETRIP_HMAC_SECRET: required in production');
    if (e.ONETRIP_DEMO === 'on') problems.push('ONETRIP_DEMO: demo mode is refused in production');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const port = e.PORT;
  return {
    env: e.NODE_ENV,
    port,
    host: e.HOST,
    dataDir: path.resolve(e.ONETRIP_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl: e.ONETRIP_PUBLIC_URL ?? `http://localhost:${port}`,
    secrets: {
      session: e.ONETRIP_SESSION_SECRET ?? DEV_SECRET,
      hmac: e.ONETRIP_HMAC_SECRET ?? DEV_SECRET,
    },
    demo: production ? 'off' : e.ONETRIP_DEMO,
    logLevel: e.ONETRIP_LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    loginRateLimitPerMinute: e.ONETRIP_LOGIN_RATE_LIMIT,
    sessionHours: e.ONETRIP_SESSION_HOURS,
    maxUploadBytes: Math.round(e.ONETRIP_MAX_UPLOAD_MB * 1024 * 1024),
    pdfFonts: { regular: e.ONETRIP_PDF_FONT, bold: e.ONETRIP_PDF_FONT_BOLD },
  };
}
