import type { exportsEn } from './exports.en';

export const exportsPt: typeof exportsEn = {
  sheet: 'Exportação',
  errors: {
    unknownList: 'Esta lista não pode ser exportada ({name}).',
    notFound: 'Esta exportação não existe.',
    notReady: 'Esta exportação ainda não terminou.',
    expired: 'Este ficheiro de exportação expirou e foi apagado. Exporte a lista novamente.',
  },
  columns: {
    username: 'Nome de utilizador',
    displayName: 'Nome',
    email: 'Email',
    isActive: 'Ativo',
    unrestricted: 'Todas as áreas',
    createdAt: 'Criado em',
    occurredAt: 'Data',
    action: 'Ação',
    entityType: 'Tipo de registo',
    entityId: 'Registo',
    changes: 'Alterações',
    details: 'Detalhes',
    ip: 'Endereço',
    requestId: 'Pedido',
  },
};
