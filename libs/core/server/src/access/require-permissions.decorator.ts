import { SetMetadata } from '@nestjs/common';

export const REQUIRED_PERMISSIONS = 'coremis:required-permissions';
/** Marks an operation that any caller may use, signed in or not (login, enabledModules). */
export const PUBLIC_OPERATION = 'coremis:public-operation';
/** Marks an operation any signed-in user may use on their own account (me, changePassword). */
export const AUTHENTICATED_OPERATION = 'coremis:authenticated-operation';

/** Every query and mutation declares the permission codes it needs (all of them are required). */
export const RequirePermissions = (...codes: string[]) => SetMetadata(REQUIRED_PERMISSIONS, codes);
export const PublicOperation = () => SetMetadata(PUBLIC_OPERATION, true);
export const AuthenticatedOperation = () => SetMetadata(AUTHENTICATED_OPERATION, true);
