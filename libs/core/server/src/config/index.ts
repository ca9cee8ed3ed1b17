export * from './core-config';
export * from './config.tokens';
