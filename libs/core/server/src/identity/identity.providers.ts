import { SecretVault } from './secret-vault.service';
import { AccessTokenStrategy } from './access-token.strategy';
import { ActorService } from './actor.service';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { IdentitySeeder } from './identity-seeder.service';
import { PasswordService } from './password.service';
import { RateLimiterService } from './rate-limiter.service';
import { SessionService } from './session.service';
import { TokenService } from './token.service';
import { TotpService } from './totp.service';
import { UserAdminService } from './user-admin.service';
import { UserResolver } from './user.resolver';

/** Identity services, available to the API and the worker. */
export const IDENTITY_SERVICES = [SecretVault, PasswordService, RateLimiterService, TokenService, TotpService, SessionService, ActorService, AuthService, UserAdminService, IdentitySeeder];

/** What only the API needs: the passport strategy and the resolvers. */
export const IDENTITY_API_PROVIDERS = [AccessTokenStrategy, AuthResolver, UserResolver];
