export * from './database.js';
export * from './migrator.js';
