export * from './test-database';
export * from './test-api';
export * from './test-server';
export * from './child-process';
export * from './sql-statements';
