import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { App } from '../app.js';
import type { Config } from '../platform/config/index.js';
import { systemClock } from '../platform/clock/index.js';
import {
  auditLog,
  generateWitnessKey,
  httpLogReader,
  leafHash,
  openCheckpoint,
  ed25519Verifier,
  verifyInclusion,
  witnessOnce,
  type LedgerVerifyReport,
  type WitnessState,
} from '../modules/ledger/index.js';

// `onetrip ledger …`: every command calls the ledger module; nothing here knows the tree.

type Deps = { config: () => Config; createApp: (config: Config) => Promise<App> };

async function withApp<T>(deps: Deps, fn: (app: App) => Promise<T>): Promise<T> {
  const app = await deps.createApp(deps.config());
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

// A key given inline (`name+id+key`) or as a file holding it.
function keyArgument(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return fs.existsSync(value) ? fs.readFileSync(value, 'utf8').trim() : value.trim();
}

function printReport(report: LedgerVerifyReport): void {
  const latest = report.latestCheckpoint
    ? `latest checkpoint ${report.latestCheckpoint.size} (${report.latestCheckpoint.root})`
    : 'no checkpoint yet';
  const counts = `${report.entriesChecked} entries, ${report.nodesChecked} nodes, ${report.checkpointsChecked} checkpoints, ${report.cosignaturesChecked} cosignatures`;
  if (!report.problem) {
    console.log(
      `ledger verify: OK 通过 — size ${report.size}: ${counts}; ${latest}; ${report.unsigned} not yet signed; ${(report.millis / 1000).toFixed(1)} s`,
    );
    return;
  }
  const p = report.problem;
  const where = [
    p.level !== undefined ? `level ${p.level}` : '',
    p.index !== undefined ? `index ${p.index}` : '',
    p.size !== undefined ? `size ${p.size}` : '',
    p.row !== undefined ? `row ${p.row}` : '',
    p.column !== undefined ? `column ${p.column}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  console.error(`ledger verify: FAILED 未通过 — ${p.kind}${where ? ` (${where})` : ''}`);
  console.error(`  ${p.message.zh}`);
  console.error(`  ${p.message.en}`);
  console.error(`  (checked before it: ${counts})`);
}

function writeAtomically(file: string, text: string): void {
  const tmp = path.join(
    path.dirname(path.resolve(file)),
    `.${path.basename(file)}.${process.pid}.tmp`,
  );
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** Adds `onetrip ledger verify|proof|audit|checkpoint|witness|witness-key|add-witness` to the CLI. */
export function registerLedgerCommands(program: Command, deps: Deps): void {
  const ledger = program
    .command('ledger')
    .description('the tamper-evident ledger (RFC 9162 Merkle log, C2SP checkpoints)');

  ledger
    .command('verify')
    .description(
      're-derive the tree from the stored entries; check every node, checkpoint and cosignature; name the first difference (exit 1)',
    )
    .option(
      '--key <vkey>',
      'pin the log verifier key (or a file holding it) instead of trusting the stored one',
    )
    .option('--batch <n>', 'entries per read', '10000')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { key?: string; batch: string; json?: boolean }) => {
      const report = await withApp(deps, (app) =>
        app.services.ledger.verify({
          verifierKey: keyArgument(opts.key),
          batchSize: Math.max(1, Number(opts.batch) || 10_000),
        }),
      );
      if (opts.json) console.log(JSON.stringify(report, null, 2));
      else printReport(report);
      if (!report.ok) process.exitCode = 1;
    });

  ledger
    .command('proof <index>')
    .description(
      'print an entry, its inclusion proof in the latest checkpoint and that checkpoint (checked here)',
    )
    .option('--size <n>', 'tree size of the proof (default: the latest checkpoint)')
    .action(async (indexText: string, opts: { size?: string }) => {
      await withApp(deps, async (app) => {
        const index = Number(indexText);
        const cp = await app.services.ledger.checkpoint();
        const treeSize = opts.size === undefined ? cp.size : Number(opts.size);
        const entry = await app.services.ledger.entry(index);
        const proof = await app.services.ledger.inclusionProof(index, treeSize);
        const { origin, verifierKey } = await app.services.ledger.verifierKey();
        if (treeSize === cp.size) {
          const { checkpoint } = openCheckpoint(cp.note, [ed25519Verifier(verifierKey)], {
            origin,
          });
          verifyInclusion(
            index,
            treeSize,
            leafHash(Buffer.from(entry.entry, 'utf8')),
            proof.hashes,
            checkpoint.rootHash,
          );
        }
        const out = {
          index,
          treeSize,
          entry: entry.entry,
          leafHash: entry.leafHash.toString('base64'),
          hashes: proof.hashes.map((h) => h.toString('base64')),
          checkpoint: treeSize === cp.size ? cp.note : null,
          verifierKey,
        };
        console.log(JSON.stringify(out, null, 2));
      });
    });

  ledger
    .command('audit')
    .description(
      'prove the current log extends an earlier checkpoint (a signed note in a file); exit 1 if not',
    )
    .requiredOption('--from <file>', 'the earlier signed checkpoint')
    .option('--url <base>', 'audit the platform at this URL over HTTP instead of this database')
    .option(
      '--key <vkey>',
      'the log verifier key (or a file holding it); default: the one the log serves',
    )
    .action(async (opts: { from: string; url?: string; key?: string }) => {
      const earlier = fs.readFileSync(opts.from, 'utf8');
      const run = (reader: Parameters<typeof auditLog>[0]) =>
        auditLog(reader, earlier, { verifierKey: keyArgument(opts.key) });
      const report = opts.url
        ? await run(httpLogReader(opts.url))
        : await withApp(deps, (app) => run(app.services.ledger.reader()));
      if (report.ok) {
        console.log(
          `ledger audit: OK 通过 — ${report.origin}: size ${report.from.size} → ${report.to?.size} is consistent (${report.to?.root})`,
        );
      } else {
        console.error(
          `ledger audit: FAILED 未通过 — ${report.origin} from size ${report.from.size}`,
        );
        console.error(`  ${report.problem?.zh}\n  ${report.problem?.en}`);
        process.exitCode = 1;
      }
    });

  ledger
    .command('checkpoint')
    .description('sequence pending entries and sign a checkpoint now; prints the signed note')
    .action(async () => {
      const cp = await withApp(deps, (app) => app.services.ledger.checkpoint({ force: true }));
      process.stdout.write(cp.note);
    });

  ledger
    .command('witness')
    .description(
      'act as a witness: verify the log signature and consistency with the last checkpoint seen, cosign, submit, remember',
    )
    .requiredOption('--key <file>', 'the witness signer key (PRIVATE+KEY+…) file')
    .requiredOption(
      '--state <file>',
      'JSON file remembering the last checkpoint cosigned (created on first use)',
    )
    .requiredOption('--url <base>', 'the platform, e.g. https://zwfw.example.gov.cn')
    .option(
      '--log-key <vkey>',
      'the log verifier key (or a file holding it); default: trust on first use',
    )
    .option('--interval <seconds>', 'keep running, one round every so many seconds')
    .action(
      async (opts: {
        key: string;
        state: string;
        url: string;
        logKey?: string;
        interval?: string;
      }) => {
        const signerKey = fs.readFileSync(opts.key, 'utf8').trim();
        const reader = httpLogReader(opts.url);
        const round = async () => {
          const state = fs.existsSync(opts.state)
            ? (JSON.parse(fs.readFileSync(opts.state, 'utf8')) as WitnessState)
            : undefined;
          const result = await witnessOnce({
            reader,
            signerKey,
            clock: systemClock,
            state,
            logKey: keyArgument(opts.logKey),
          });
          writeAtomically(opts.state, `${JSON.stringify(result.state, null, 2)}\n`);
          const from =
            result.previousSize === null
              ? 'first checkpoint seen'
              : `consistent with ${result.previousSize}`;
          console.log(
            `ledger witness: cosigned ${result.state.origin} size ${result.state.size} (${from})`,
          );
        };
        if (!opts.interval) return round();
        const every = Math.max(1, Number(opts.interval)) * 1000;
        for (;;) {
          try {
            await round();
          } catch (error) {
            // A refusal (fork, rollback, bad proof) ends the watch: someone must look at it.
            if (error instanceof Error && /refusing|proof|signature/i.test(error.message))
              throw error;
            console.error(
              `ledger witness: ${error instanceof Error ? error.message : String(error)} (retrying)`,
            );
          }
          await new Promise((resolve) => setTimeout(resolve, every));
        }
      },
    );

  ledger
    .command('witness-key')
    .description(
      'generate a witness key: prints the verifier key to register with the log; the signer key goes to --out or stdout',
    )
    .requiredOption('--name <name>', 'key name, e.g. court.jiaxing.gov.cn/witness')
    .option('--out <file>', 'write the signer key here (mode 600) instead of printing it')
    .action((opts: { name: string; out?: string }) => {
      const key = generateWitnessKey(opts.name);
      if (opts.out) {
        fs.writeFileSync(opts.out, `${key.signerKey}\n`, { mode: 0o600, flag: 'wx' });
        console.log(`signer key written to ${opts.out}`);
      } else {
        console.log(key.signerKey);
      }
      console.log(key.verifierKey);
    });

  ledger
    .command('add-witness <vkey>')
    .description(
      'register a witness whose cosignatures the log accepts (its verifier key, or a file holding it)',
    )
    .action(async (vkey: string) => {
      const added = await withApp(deps, (app) =>
        app.services.ledger.addWitness(keyArgument(vkey) ?? vkey),
      );
      console.log(`witness ${added.name} registered: ${added.verifierKey}`);
    });
}
