import type { auditEn } from './audit.en';

export const auditPt: typeof auditEn = {
  errors: {
    invalidPeriod: 'O início do período deve ser anterior ao fim.',
  },
  permissions: {
    view: 'Consultar o registo de auditoria',
    verify: 'Verificar que o registo de auditoria não foi adulterado',
  },
  actions: {
    CREATE: 'Criação',
    UPDATE: 'Alteração',
    DELETE: 'Eliminação',
    SOFT_DELETE: 'Arquivo',
    RESTORE: 'Restauro',
    IMPORT: 'Importação',
    LOGIN: 'Início de sessão',
    LOGIN_FAILED: 'Início de sessão falhado',
    LOGOUT: 'Fim de sessão',
    ACCESS_DENIED: 'Acesso recusado',
    APPROVE: 'Aprovação',
    REJECT: 'Rejeição',
  },
};
