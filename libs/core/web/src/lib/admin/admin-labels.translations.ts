import { defineTranslations } from '../i18n/translation-bundle';

/**
 * Names of things the server stores as codes, in the reader's language: the platform's approvable
 * operations (`approvals.operations.<code>`, each module names its own), the built-in roles
 * (`roles.builtIn.<code>`: shown instead of their stored English name) and coded values of audit
 * details (`auditValues.<field>.<value>`).
 */
export const ADMIN_LABEL_TRANSLATIONS = defineTranslations({
  en: {
    approvals: {
      operations: {
        core: {
          roles: { save: 'Create or change a role' },
          users: {
            update: 'Change a user account',
            unlock: 'Unlock a user account',
            setActive: 'Activate or deactivate several user accounts',
            resetTwoFactor: 'Reset a user’s two-step verification',
          },
        },
      },
    },
    roles: {
      builtIn: {
        administrator: { name: 'Administrator', description: 'Every permission, on every area.' },
        programme_officer: {
          name: 'Programme officer',
          description: 'Registers, imports and reviews households; manages the geography; decides approval requests.',
        },
        district_officer: { name: 'District officer', description: 'Registers and updates households in their areas.' },
      },
    },
    auditValues: {
      reason: {
        'unknown user': 'Unknown user',
        locked: 'Account locked',
        disabled: 'Account disabled',
        'bad password': 'Wrong password',
        'bad recovery code': 'Wrong recovery code',
        'bad TOTP code': 'Wrong verification code',
      },
    },
  },
  fr: {
    approvals: {
      operations: {
        core: {
          roles: { save: 'Créer ou modifier un rôle' },
          users: {
            update: 'Modifier un compte utilisateur',
            unlock: 'Débloquer un compte utilisateur',
            setActive: 'Activer ou désactiver plusieurs comptes utilisateurs',
            resetTwoFactor: 'Réinitialiser la validation en deux étapes d’un utilisateur',
          },
        },
      },
    },
    roles: {
      builtIn: {
        administrator: { name: 'Administrateur', description: 'Toutes les permissions, sur toutes les zones.' },
        programme_officer: {
          name: 'Chargé de programme',
          description: 'Enregistre, importe et révise les ménages ; gère la géographie ; statue sur les demandes d’approbation.',
        },
        district_officer: { name: 'Agent de district', description: 'Enregistre et met à jour les ménages de ses zones.' },
      },
    },
    auditValues: {
      reason: {
        'unknown user': 'Utilisateur inconnu',
        locked: 'Compte bloqué',
        disabled: 'Compte désactivé',
        'bad password': 'Mot de passe erroné',
        'bad recovery code': 'Code de secours erroné',
        'bad TOTP code': 'Code de vérification erroné',
      },
    },
  },
  pt: {
    approvals: {
      operations: {
        core: {
          roles: { save: 'Criar ou alterar um perfil' },
          users: {
            update: 'Alterar uma conta de utilizador',
            unlock: 'Desbloquear uma conta de utilizador',
            setActive: 'Ativar ou desativar várias contas de utilizador',
            resetTwoFactor: 'Repor a verificação em dois passos de um utilizador',
          },
        },
      },
    },
    roles: {
      builtIn: {
        administrator: { name: 'Administrador', description: 'Todas as permissões, em todas as áreas.' },
        programme_officer: {
          name: 'Técnico de programa',
          description: 'Regista, importa e revê agregados familiares; gere a geografia; decide pedidos de aprovação.',
        },
        district_officer: { name: 'Técnico distrital', description: 'Regista e atualiza os agregados familiares das suas áreas.' },
      },
    },
    auditValues: {
      reason: {
        'unknown user': 'Utilizador desconhecido',
        locked: 'Conta bloqueada',
        disabled: 'Conta desativada',
        'bad password': 'Palavra-passe errada',
        'bad recovery code': 'Código de recuperação errado',
        'bad TOTP code': 'Código de verificação errado',
      },
    },
  },
});
