export * from './random';
export * from './geography.generator';
