import { SetMetadata } from '@nestjs/common';
import { APPROVABLE_OPERATION, ApprovableOperation, approvalScope } from './approvable-operation.decorator';

class Things {
  prefix = 'created';

  @SetMetadata('written-above', true)
  @ApprovableOperation('test.things.create')
  @SetMetadata('written-below', true)
  create(name: string): string {
    return `${this.prefix} ${name}`;
  }
}

describe('@ApprovableOperation', () => {
  const things = new Things();

  it('keeps the metadata of the other decorators, above or below it, and adds its own', () => {
    const method = Things.prototype.create;
    expect(Reflect.getMetadata('written-above', method)).toBe(true);
    expect(Reflect.getMetadata('written-below', method)).toBe(true);
    expect(Reflect.getMetadata(APPROVABLE_OPERATION, method)).toEqual({ operation: 'test.things.create', options: {} });
    expect(method.name).toBe('create');
  });

  it('runs the method as usual outside an approval scope', () => {
    expect(things.create('a')).toBe('created a');
  });

  it('hands the arguments to the scope instead of running when the interceptor asked for approval', async () => {
    const run = jest.fn(async (): Promise<never> => {
      throw new Error('held');
    });
    await expect(approvalScope.run({ submit: { operation: 'test.things.create', run } }, () => things.create('b'))).rejects.toThrow('held');
    expect(run).toHaveBeenCalledWith(['b'], expect.any(Function));
  });

  it('lets the scope run the method after all (a call that needs no approval)', () => {
    const run = (_args: unknown[], proceed: () => unknown) => proceed();
    expect(approvalScope.run({ submit: { operation: 'test.things.create', run } }, () => things.create('e'))).toBe('created e');
  });

  it('runs when the scope is for another operation or when an approved operation executes', () => {
    const run = jest.fn();
    expect(approvalScope.run({ submit: { operation: 'test.other.create', run } }, () => things.create('c'))).toBe('created c');
    expect(approvalScope.run({ submit: { operation: 'test.things.create', run }, executing: 'test.things.create' }, () => things.create('d'))).toBe('created d');
    expect(run).not.toHaveBeenCalled();
  });

  it('refuses malformed operation codes', () => {
    expect(() => ApprovableOperation('Create Area')).toThrow(/Invalid approvable operation code/);
  });
});
