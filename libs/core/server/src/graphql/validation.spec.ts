import { ArrayMaxSize, ArrayMinSize, IsNotEmpty, MaxLength, ValidateNested, validateSync } from 'class-validator';
import { Type } from 'class-transformer';
import { AppError } from './app-error';
import { createValidationPipe, toFieldErrors } from './validation';

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

class Batch {
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => Inner)
  items: Inner[];
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

describe('createValidationPipe', () => {
  const refusal = async (body: unknown) => {
    try {
      await createValidationPipe().transform(body, { type: 'body', metatype: Batch });
    } catch (error) {
      return (error as AppError).fieldErrors.filter((f) => f.field === 'items');
    }
    throw new Error('accepted');
  };

  it("keeps the constraints' arguments when the body is an array instead of an object", async () => {
    const expected = [
      { field: 'items', key: 'core.validation.arrayMaxSize', args: { property: 'items', c0: 100 } },
      { field: 'items', key: 'core.validation.arrayMinSize', args: { property: 'items', c0: 1 } },
    ];
    expect(await refusal({})).toEqual(expected);
    expect(await refusal([1, 2])).toEqual(expected);
    expect(await refusal([])).toEqual(expected);
  });
});
