export * from './errors.js';
export * from './auth.js';
export * from './files.js';
export * from './cases.js';
export * from './catalog.js';
export * from './calendar.js';
export * from './ledger.js';
export * from './datahub.js';
