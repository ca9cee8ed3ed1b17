export { User } from './entities/user.entity';
export { Role } from './entities/role.entity';
export { AuthService } from './auth.service';
export { IdentitySeeder, DEMO_USERS, ADMINISTRATOR_ROLE } from './identity-seeder.service';
export { SECURITY_EVENT_SINK, type SecurityEvent, type SecurityEventSink } from './security-events';
export { ActorService, type ActorWithFlags } from './actor.service';
export { RateLimiterService, type RateLimitResult } from './rate-limiter.service';
export { addressKey } from './address-key';
export { SecretVault } from './secret-vault.service';
