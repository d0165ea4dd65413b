// Starts a OneTrip server of its own for a spec that needs history (the supervision
// dashboards): a new temporary data directory, `onetrip simulate` run into it first (the real
// services on a simulated clock, demo accounts included), then `onetrip serve` on
// 127.0.0.1:<port>. Usage: node e2e/support/start-simulated-server.mjs <port> [days] [people]
// [ended]: the simulated period ends `ended` days before today (0: today), so the steps still
// open at its end have since gone past their limits, as the deadline watch then finds.
// Signals are passed to the server; the data directory is removed when it exits. The shared
// e2e server (start-server.mjs) keeps its demo data only.
import { spawnSync } from 'node:child_process';
import { entry, root, serveFresh } from './serve-fresh.mjs';

const [port = '4617', days = '20', people = '200', ended = '0'] = process.argv.slice(2);

/** The China calendar day `back` days before today. */
function chinaDayBefore(back) {
  const day = new Date(Date.now() - back * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(day);
}
const start = chinaDayBefore(Number(ended) + Number(days) - 1);

serveFresh({
  port,
  prefix: 'onetrip-e2e-sim-',
  prepare(env) {
    const simulated = spawnSync(
      process.execPath,
      // The before-reform baseline is not on the dashboards: skipped to keep the start short.
      [entry, 'simulate', '--days', days, '--people', people, '--start', start, '--no-baseline'],
      // Its progress bar stays out of the test report unless it fails.
      { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
    );
    if (simulated.status !== 0) {
      console.error(simulated.stdout, simulated.stderr);
      throw new Error(`onetrip simulate failed (exit ${simulated.status ?? simulated.signal})`);
    }
  },
});
