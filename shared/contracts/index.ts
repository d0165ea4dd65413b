export * from './errors.js';
export * from './auth.js';
export * from './files.js';
