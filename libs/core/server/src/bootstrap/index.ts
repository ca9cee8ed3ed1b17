export * from './start-api';
export * from './start-worker';
export { ApiAppModule, type ApiAppModuleOptions } from './api-app.module';
export { WorkerAppModule } from './worker-app.module';
