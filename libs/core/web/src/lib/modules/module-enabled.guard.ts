import { inject } from '@angular/core';
import { CanMatchFn } from '@angular/router';
import { EnabledModulesService } from './enabled-modules.service';

/**
 * Lets a feature's routes match only when the API reports its module as enabled. When the API
 * cannot be reached the routes still match, so the feature page can explain the network problem.
 */
export function moduleEnabled(key: string): CanMatchFn {
  return () =>
    inject(EnabledModulesService)
      .load()
      .then((modules) => modules.some((m) => m.key === key))
      .catch(() => true);
}
