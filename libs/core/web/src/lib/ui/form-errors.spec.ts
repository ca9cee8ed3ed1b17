import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { FormArray, FormControl, FormGroup, Validators } from '@angular/forms';
import { FormSubmission, showServerFieldErrors } from './form-errors';

function badInput(...fieldErrors: { field: string; message: string }[]): CombinedGraphQLErrors {
  return new CombinedGraphQLErrors({ errors: [{ message: 'Invalid input', extensions: { code: 'BAD_USER_INPUT', fieldErrors } }] });
}

describe('server field errors', () => {
  it('puts each message under its field, following the path into arrays', () => {
    const form = new FormGroup({
      name: new FormControl(''),
      members: new FormArray([new FormGroup({ number: new FormControl('') }), new FormGroup({ number: new FormControl('') })]),
    });
    const all = showServerFieldErrors(form, badInput({ field: 'input.name', message: 'Too long.' }, { field: 'members.1.number', message: 'Taken.' }));
    expect(all).toBe(true);
    expect(form.get('name')?.errors).toEqual({ server: 'Too long.' });
    expect(form.get('members.1.number')?.errors).toEqual({ server: 'Taken.' });
    expect(form.get('members.0.number')?.errors).toBeNull();
  });

  it('renames fields the form holds elsewhere, and says when a message found no field', () => {
    const form = new FormGroup({ password: new FormControl('') });
    expect(showServerFieldErrors(form, badInput({ field: 'input.temporaryPassword', message: 'Too short.' }), { temporaryPassword: 'password' })).toBe(true);
    expect(form.get('password')?.errors).toEqual({ server: 'Too short.' });
    expect(showServerFieldErrors(form, badInput({ field: 'input.unknown', message: 'No.' }))).toBe(false);
    expect(showServerFieldErrors(form, new TypeError('offline'))).toBe(false);
  });
});

describe('FormSubmission', () => {
  it('refuses an invalid form without calling the server, and marks its fields', async () => {
    const form = new FormGroup({ name: new FormControl('', Validators.required) });
    const submission = new FormSubmission(form);
    const save = jest.fn();
    expect(await submission.run(save)).toBeUndefined();
    expect(save).not.toHaveBeenCalled();
    expect(form.get('name')?.touched).toBe(true);
  });

  it('returns the saved value, or keeps the error with the fields marked and the banner key', async () => {
    const form = new FormGroup({ name: new FormControl('x') });
    const submission = new FormSubmission(form, { fixFieldsKey: 'fix' });
    expect(await submission.run(async () => 'saved')).toBe('saved');
    expect(submission.saving()).toBe(false);

    const error = badInput({ field: 'input.name', message: 'Taken.' });
    expect(
      await submission.run(async () => {
        expect(submission.saving()).toBe(true);
        throw error;
      }),
    ).toBeUndefined();
    expect([submission.error(), submission.errorMessageKey(), form.get('name')?.errors]).toEqual([error, 'fix', { server: 'Taken.' }]);
  });

  it('leaves an error the dialog handles itself (sent for approval) out of the banner', async () => {
    const form = new FormGroup({ name: new FormControl('x') });
    const submission = new FormSubmission(form, { handled: () => true });
    await submission.run(() => Promise.reject(new Error('approval')));
    expect(submission.error()).toBeNull();
  });
});
