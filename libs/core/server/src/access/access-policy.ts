export const ACCESS_POLICY = Symbol('ACCESS_POLICY');

export interface AccessRequest {
  user: unknown;
  permissions: string[];
  operation: string;
}

/**
 * Decides whether a caller holds the permissions of an operation. The identity module provides the
 * real policy (users, roles, sessions); until a deployment enables it, the open policy applies and
 * the API logs a warning at start-up.
 */
export interface AccessPolicy {
  readonly name: string;
  allows(request: AccessRequest): boolean | Promise<boolean>;
}

export class OpenAccessPolicy implements AccessPolicy {
  readonly name = 'open';
  allows(): boolean {
    return true;
  }
}
