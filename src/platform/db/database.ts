import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  SqliteAdapter,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
  type DatabaseConnection,
  type Dialect as KyselyDialect,
  type SqliteDialectConfig,
} from 'kysely';
import pg from 'pg';

/** Which engine is behind a database handle. */
export type Dialect = 'sqlite' | 'postgres';

/** A database handle: Kysely over SQLite or PostgreSQL, with its dialect and a way to close it. */
export interface DatabaseHandle<DB> {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Whether the database answers a trivial query. */
  ping(): Promise<boolean>;
  destroy(): Promise<void>;
}

/** Where the database lives: a PostgreSQL URL (with an optional schema) or a SQLite file. */
export type DatabaseTarget =
  | { kind: 'postgres'; url: string; schema?: string; maxConnections?: number }
  | { kind: 'sqlite'; file: string };

/**
 * Opens the database: better-sqlite3 in WAL mode with foreign keys on, or a pg pool whose
 * connections use `schema` as their search path (so each test run can own a schema).
 */
export function openDatabase<DB>(target: DatabaseTarget): DatabaseHandle<DB> {
  if (target.kind === 'postgres') {
    // Numeric and bigint columns come back as JS numbers; counts stay far below 2^53.
    pg.types.setTypeParser(20, (v) => Number(v));
    pg.types.setTypeParser(1700, (v) => Number(v));
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.maxConnections ?? 10,
      ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      ping: () => ping(db),
      destroy: () => db.destroy(),
    };
  }
  if (target.file !== ':memory:') fs.mkdirSync(path.dirname(target.file), { recursive: true });
  const database = new BetterSqlite3(target.file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  const db = new Kysely<DB>({
    dialect: yieldingSqliteDialect({ database: withStatementCache(database) }),
  });
  return { db, dialect: 'sqlite', ping: () => ping(db), destroy: () => db.destroy() };
}

/**
 * better-sqlite3 runs every statement synchronously, so Kysely's promises all resolve as
 * microtasks: when 50 requests queue for the one connection, their transactions run back to
 * back in a single turn of the event loop (profiled: busy stretches of 1–2 s under the case
 * benchmark), and no socket is read or written until the whole queue is drained — the
 * reason the p99 over sockets was 15× the in-process one. This driver starts every
 * connection use (a transaction or a lone query) in its own macrotask (`setImmediate`), so
 * the loop polls its sockets between two transactions; a transaction itself still runs
 * without interruption.
 */
class YieldingSqliteDriver extends SqliteDriver {
  override async acquireConnection(): Promise<DatabaseConnection> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    return super.acquireConnection();
  }
}

function yieldingSqliteDialect(config: SqliteDialectConfig): KyselyDialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new YieldingSqliteDriver(config),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}

/**
 * better-sqlite3 compiles a statement on every `prepare`; Kysely prepares each query anew.
 * Keeping the compiled statements of the most recent distinct SQL texts saves that work
 * (the SQL text holds placeholders only, so the cache stays small).
 */
function withStatementCache(database: BetterSqlite3.Database, size = 500) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(sqlText: string) {
      let statement = cache.get(sqlText);
      if (statement) {
        cache.delete(sqlText);
      } else {
        statement = database.prepare(sqlText);
        if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sqlText, statement);
      return statement;
    },
  };
}

async function ping<DB>(db: Kysely<DB>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
