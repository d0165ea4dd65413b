import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
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
  const checkpointer =
    target.file === ':memory:' ? undefined : checkpointInBackground(database, target.file);
  const db = new Kysely<DB>({
    dialect: yieldingSqliteDialect({ database: withStatementCache(database) }),
  });
  return {
    db,
    dialect: 'sqlite',
    ping: () => ping(db),
    destroy: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/**
 * The WAL checkpoint (copying the log's pages into the database file and syncing it) runs
 * inside whichever commit crosses 1 000 pages: on the one connection, on the event loop —
 * measured as about 60 % of all commit time, with single commits of 100–200 ms under the case
 * benchmark. Here a worker thread with its own connection runs a passive checkpoint every
 * 200 ms instead (it never blocks the writer; the writer restarts the log once it is fully
 * copied), and the main connection's automatic checkpoint is off while the worker lives. If
 * the worker fails, the automatic checkpoint comes back on.
 */
function checkpointInBackground(database: BetterSqlite3.Database, file: string) {
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     const db = new (require(workerData.modulePath))(workerData.file);
     db.pragma('busy_timeout = 1000');
     const timer = setInterval(() => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} }, 200);
     parentPort.on('message', () => { clearInterval(timer); try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} db.close(); parentPort.close(); });`,
    { eval: true, workerData: { modulePath, file } },
  );
  worker.unref();
  database.pragma('wal_autocheckpoint = 0');
  let alive = true;
  const fallBack = () => {
    if (!alive) return;
    alive = false;
    if (database.open) database.pragma('wal_autocheckpoint = 1000');
  };
  worker.once('error', fallBack);
  worker.once('exit', fallBack);
  return {
    async stop(): Promise<void> {
      if (!alive) return;
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage('stop');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
      fallBack();
      await worker.terminate();
    },
  };
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
