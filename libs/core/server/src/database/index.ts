export * from './base.entity';
export * from './migration-runner';
export * from './embedded-database';
export * from './transaction';
export * from './prepared-query';
export * from './fast-rows';
export * from './like-pattern';
export * from './read-columns';
