import { computed, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { EnabledModule, ENABLED_MODULES_QUERY } from './enabled-modules.queries';
import { GRAPHQL } from '../graphql/graphql-client';

/** The modules this deployment runs, as the API reports them; loaded once and shared. */
@Injectable({ providedIn: 'root' })
export class EnabledModulesService {
  private readonly apollo = inject(GRAPHQL);
  private pending: Promise<readonly EnabledModule[]> | null = null;

  /** Starts as loading: the shell layout asks for the modules as soon as it is shown. */
  private readonly state = signal<{ modules: readonly EnabledModule[]; loading: boolean; error: unknown }>({
    modules: [],
    loading: true,
    error: null,
  });

  readonly modules = computed(() => this.state().modules);
  /** Modules that bring screens of their own (`core` has no menu). */
  readonly featureModules = computed(() => this.state().modules.filter((m) => m.menu.length > 0));
  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);

  load(): Promise<readonly EnabledModule[]> {
    this.pending ??= this.fetch();
    return this.pending;
  }

  reload(): Promise<readonly EnabledModule[]> {
    this.pending = null;
    return this.load();
  }

  private async fetch(): Promise<readonly EnabledModule[]> {
    this.state.update((s) => ({ ...s, loading: true, error: null }));
    try {
      const { data } = await firstValueFrom(this.apollo.query({ query: ENABLED_MODULES_QUERY }));
      const modules = data?.enabledModules ?? [];
      this.state.set({ modules, loading: false, error: null });
      return modules;
    } catch (error) {
      this.pending = null;
      this.state.set({ modules: [], loading: false, error });
      throw error;
    }
  }
}
