export * from './server.js';
export * from './principal.js';
export * from './error-handler.js';
