import type { Command } from 'commander';
import type { App } from '../app.js';
import type { Config } from '../platform/config/index.js';

type Deps = { config: () => Config; createApp: (config: Config) => Promise<App> };

/** `onetrip simulate --days 365 --people N` — placeholder, filled in by #13. */
export function registerSimulateCommand(_program: Command, _deps: Deps): void {}
