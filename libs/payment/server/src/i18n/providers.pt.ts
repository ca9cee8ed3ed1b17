import type { providersEn } from './providers.en';

export const providersPt: typeof providersEn = {
  errors: {
    notFound: 'Esta conta de prestador de pagamentos não existe.',
    duplicateCode: 'Outra conta de prestador já usa o código "{code}".',
    duplicateCredential: 'A credencial "{key}" foi indicada duas vezes.',
    credentialRequired: 'Indique um valor para a nova credencial "{key}".',
    secretOrRotate: 'Indique um segredo de retorno ou peça um novo, não ambos.',
    alreadyInactive: 'Esta conta de prestador já está inativa.',
    inactive: 'A conta de prestador "{code}" está inativa: nada pode ser enviado por ela.',
  },
};
