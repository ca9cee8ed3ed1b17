import { inject, Pipe, PipeTransform } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';
import { roleName } from '../data/readable';

/** `{{ role | roleName }}`: a built-in role's name in the interface language, else its stored name. */
@Pipe({ name: 'roleName', pure: false })
export class RoleNamePipe implements PipeTransform {
  private readonly translate = inject(TranslateService);

  transform(role: { readonly code: string; readonly name: string } | null | undefined): string {
    return role ? roleName(this.translate, role) : '';
  }
}
