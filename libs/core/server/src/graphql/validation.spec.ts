import { IsNotEmpty, MaxLength, ValidateNested, validateSync } from 'class-validator';
import { Type } from 'class-transformer';
import { toFieldErrors } from './validation';

class Inner {
  @MaxLength(3)
  code = 'toolong';
}

class Outer {
  @IsNotEmpty()
  name = '';

  @ValidateNested()
  @Type(() => Inner)
  inner = new Inner();
}

describe('toFieldErrors', () => {
  it('gives a translation key per constraint with its arguments and the nested field path', () => {
    const errors = toFieldErrors(validateSync(new Outer()));
    expect(errors).toEqual([
      { field: 'name', key: 'core.validation.isNotEmpty', args: { property: 'name' } },
      { field: 'inner.code', key: 'core.validation.maxLength', args: { property: 'code', c0: 3 } },
    ]);
  });
});
