import { defineConfig } from 'vitest/config';

// Integration tests run once on SQLite and, when ONETRIP_TEST_DATABASE_URL is set, once more
// on PostgreSQL (each run in its own schema). CI sets it and fails if it is missing.
const pgUrl = process.env.ONETRIP_TEST_DATABASE_URL;
if (process.env.CI === 'true' && !pgUrl) {
  throw new Error(
    'CI=true but ONETRIP_TEST_DATABASE_URL is not set: PostgreSQL tests would be skipped',
  );
}

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'shared/**/*.test.ts'],
          exclude: ['src/**/*.int.test.ts', 'src/**/*.cli.test.ts'],
        },
      },
      {
        // The web app's pure parts (Web Crypto, parsing) in Node, with the app's import alias.
        extends: true,
        resolve: {
          alias: { '@contracts': new URL('./shared/contracts', import.meta.url).pathname },
        },
        test: { name: 'web', include: ['web/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts', 'src/**/*.cli.test.ts'],
          env: { ONETRIP_TEST_DB: 'sqlite' },
        },
      },
      ...(pgUrl
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'],
                env: { ONETRIP_TEST_DB: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
