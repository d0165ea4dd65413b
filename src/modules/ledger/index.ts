export * from './canonical-json.js';
export * from './checkpoint.js';
export * from './cosignature.js';
export * from './ledger.errors.js';
export * from './merkle.js';
export * from './note.js';
export * from './tiles.js';
