export * from './module-definition';
export * from './module-selection';
