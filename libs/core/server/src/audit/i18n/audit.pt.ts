import type { auditEn } from './audit.en';

export const auditPt: typeof auditEn = {
  errors: {
    anchorFileUnreadable: 'O ficheiro de âncoras da trilha de auditoria (AUDIT_ANCHOR_FILE) não pode ser lido; peça ao administrador que o verifique.',
    invalidPeriod: 'O início do período deve ser anterior ao fim.',
  },
  permissions: {
    view: 'Consultar o registo de auditoria',
    verify: 'Verificar que o registo de auditoria não foi adulterado',
  },
  actions: {
    AUTH_REFUSED: 'Recusado: sem sessão iniciada',
    AUTH_REFUSED_SUPPRESSED: 'Recusas não registadas (limite de taxa)',
    LOGIN_THROTTLED: 'Inícios de sessão travados',
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
