export const providersEn = {
  errors: {
    notFound: 'This payment provider account does not exist.',
    duplicateCode: 'Another provider account already uses the code "{code}".',
    duplicateCredential: 'The credential "{key}" is given twice.',
    credentialRequired: 'Enter a value for the new credential "{key}".',
    secretOrRotate: 'Either enter a callback secret or ask for a new one, not both.',
    alreadyInactive: 'This provider account is already inactive.',
    inactive: 'The provider account "{code}" is inactive: nothing can be sent through it.',
  },
};
