export * from './resume.js';
export * from './errors.js';
export * from './usage.js';
export * from './ports.js';
export * from './job.js';
export * from './match.js';
