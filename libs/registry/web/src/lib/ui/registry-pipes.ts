import { inject, Pipe, PipeTransform } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';
import { codeLabel } from './registry-format';

export { DayPipe } from '@coremis/core-web';

/**
 * The label of a coded value in the interface language: `{{ member.relationship | code: 'relationship' : lang() }}`.
 * The language is an argument so that the text changes with it; lists of codes are joined with commas.
 */
@Pipe({ name: 'code' })
export class CodePipe implements PipeTransform {
  private readonly translate = inject(TranslateService);

  transform(value: string | readonly string[] | null | undefined, list: string, _lang: string): string {
    if (Array.isArray(value)) return value.map((v: string) => codeLabel(this.translate, list, v)).join(', ');
    return codeLabel(this.translate, list, value as string | null | undefined);
  }
}

/** A person's age, "≈ 34" when the birth date is estimated; empty when unknown. */
@Pipe({ name: 'age' })
export class AgePipe implements PipeTransform {
  transform(person: { readonly age: number | null; readonly birthDateEstimated?: boolean | null }): string {
    if (person.age === null) return '';
    return `${person.birthDateEstimated ? '≈ ' : ''}${person.age}`;
  }
}
