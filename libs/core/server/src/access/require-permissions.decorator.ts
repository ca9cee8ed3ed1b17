import { SetMetadata } from '@nestjs/common';

export const REQUIRED_PERMISSIONS = 'coremis:required-permissions';
/** Marks an operation that any caller may use (health-like queries such as `enabledModules`). */
export const PUBLIC_OPERATION = 'coremis:public-operation';

/** Every query and mutation declares the permission codes it needs (all of them are required). */
export const RequirePermissions = (...codes: string[]) => SetMetadata(REQUIRED_PERMISSIONS, codes);
export const PublicOperation = () => SetMetadata(PUBLIC_OPERATION, true);
