export * from './random';
export * from './geography.generator';
export * from './population.generator';
export * from './agency-file.generator';
export * from './corruption';
