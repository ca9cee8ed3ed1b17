import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AREA_SCOPE_PROVIDER, type AreaScopeProvider } from '../access/area-scope';
import { CORE_CONFIG } from '../config/config.tokens';
import type { CoreConfig } from '../config/core-config';
import type { CoreMisModuleDefinition, DemoRole } from '../modules/module-definition';
import { PasswordService } from './password.service';

export const ADMINISTRATOR_ROLE = 'administrator';

export interface DemoUser {
  username: string;
  password: string;
  displayName: string;
  role: string;
  areaCodes?: string[];
}

/** Demo accounts printed by `npm start`; never created outside DEMO_DATA. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', password: 'Admin#2026-demo', displayName: 'Ada Administrator', role: ADMINISTRATOR_ROLE },
  { username: 'officer', password: 'Officer#2026-demo', displayName: 'Oumar Programme Officer', role: 'programme_officer' },
  { username: 'checker', password: 'Checker#2026-demo', displayName: 'Chiara Checker', role: 'programme_officer' },
  { username: 'north', password: 'North#2026-demo', displayName: 'Nadia District Officer', role: 'district_officer', areaCodes: ['DL-01'] },
];

/** Built-in roles and the first administrator. Idempotent: runs at every start. */
@Injectable()
export class IdentitySeeder {
  private readonly logger = new Logger(IdentitySeeder.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly passwords: PasswordService,
    private readonly moduleRef: ModuleRef,
  ) {}

  async ensureBuiltIns(): Promise<void> {
    await this.upsertRole(ADMINISTRATOR_ROLE, 'Administrator', ['*']);
    const [{ count }] = await this.dataSource.query(`SELECT count(*)::int AS count FROM core."user"`);
    if (count === 0 && this.config.BOOTSTRAP_ADMIN_PASSWORD) {
      await this.createUser({ username: 'admin', password: this.config.BOOTSTRAP_ADMIN_PASSWORD, displayName: 'Administrator', role: ADMINISTRATOR_ROLE }, true);
      this.logger.log('created the administrator "admin" from BOOTSTRAP_ADMIN_PASSWORD; change the password at first login');
    }
  }

  /**
   * Demo roles and users, after every module's demo data so that restrictions can name demo areas. Each enabled
   * module grants its own permissions to the demo roles (`PermissionDefinition.demoRoles`).
   */
  async seedDemo(modules: readonly CoreMisModuleDefinition[] = []): Promise<void> {
    const granted = (role: DemoRole) => modules.flatMap((m) => m.permissions.filter((p) => p.demoRoles?.includes(role)).map((p) => p.code));
    await this.upsertRole('programme_officer', 'Programme officer', ['geo.areas.view', 'geo.areas.manage', 'geo.areas.import', 'core.jobs.view', 'core.approvals.decide', 'core.approvals.view', 'registry.view', 'registry.create', 'registry.edit', 'registry.import', 'registry.duplicates.review', ...granted('programme_officer')]);
    await this.upsertRole('district_officer', 'District officer', ['geo.areas.view', 'geo.areas.manage', 'core.jobs.view', 'registry.view', 'registry.create', 'registry.edit', ...granted('district_officer')]);
    for (const user of DEMO_USERS) await this.createUser(user, false);
  }

  private async upsertRole(code: string, name: string, permissions: string[]): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO core.role (code, name, permissions) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING`,
      [code, name, permissions],
    );
  }

  /** Creates a user with one role unless the username exists (demo data, first administrator, tests). */
  async createUser(user: DemoUser, mustChangePassword: boolean, areaIds?: string[] | null): Promise<void> {
    const exists = await this.dataSource.query(`SELECT 1 FROM core."user" WHERE lower(username) = lower($1)`, [user.username]);
    if (exists.length) return;
    areaIds ??= null;
    if (user.areaCodes) {
      let provider: AreaScopeProvider;
      try {
        provider = this.moduleRef.get<AreaScopeProvider>(AREA_SCOPE_PROVIDER, { strict: false });
      } catch {
        return; // no geography in this deployment: skip the area-restricted demo user
      }
      areaIds = await provider.idsOfCodes(user.areaCodes);
    }
    await this.dataSource.query(
      `INSERT INTO core."user" (username, display_name, password_hash, must_change_password, role_ids, area_ids)
       VALUES ($1, $2, $3, $4, ARRAY(SELECT id FROM core.role WHERE code = $5), $6)`,
      [user.username, user.displayName, await this.passwords.hash(user.password), mustChangePassword, user.role, areaIds],
    );
  }
}
