import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { type Actor, RequestContext } from '../context/request-context';
import { Translator } from '../i18n/translator';
import { hasPermissions } from './access-policy';

/**
 * REST endpoints (file transfers) are outside GraphQL's permission guard: they check here, with the
 * same rule and translated messages.
 */
export function requireHttpPermission(translator: Translator, permission: string): Actor {
  const actor = RequestContext.actor();
  const lang = translator.currentLanguage();
  if (!actor) throw new UnauthorizedException({ code: 'UNAUTHENTICATED', message: translator.translate('core.identity.errors.notAuthenticated', lang) });
  if ((actor as { mustChangePassword?: boolean }).mustChangePassword || !hasPermissions(actor, [permission])) {
    throw new ForbiddenException({ code: 'FORBIDDEN', message: translator.translate('core.errors.forbidden', lang) });
  }
  return actor;
}
