export * from './require-permissions.decorator';
export * from './access-policy';
export * from './permissions.guard';
export * from './area-scope';
export * from './http-permission';
