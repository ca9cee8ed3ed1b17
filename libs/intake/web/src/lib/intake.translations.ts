import { defineTranslations } from '@coremis/core-web';

export const INTAKE_TRANSLATIONS = defineTranslations({
  en: {
    approvals: { operations: { intake: { submissions: { accept: 'Accept a field submission into the registry' }, rules: { apply: 'Apply a cleaning rule to field submissions' } } } },
    intake: {
      module: { title: 'Field intake', description: 'KoBoToolbox and ODK Central forms whose submissions are pulled into the cleaning queue, then into the registry.' },
      menu: { list: 'Field intake', queue: 'Cleaning queue' },
      titles: { list: 'Field intake', queue: 'Cleaning queue', mapping: 'Form mapping' },
      common: { save: 'Save', cancel: 'Cancel', back: 'Back', remove: 'Remove' },
      list: { search: 'Search by code or name', empty: 'No connector yet', emptyHint: 'Add a KoBoToolbox or ODK Central form, or none is in your areas.' },
      connectors: {
        new: 'New connector', edit: 'Edit', saved: 'Connector saved', saveFailed: 'The connector was not saved',
        code: 'Code', name: 'Name', kind: 'Server', form: 'Server and form', serverUrl: 'Server URL', assetUid: 'Form (asset uid)', xmlFormId: 'Form (xmlFormId)', projectId: 'Project id', username: 'User e-mail',
        token: 'API token', password: 'Password', secretSealed: 'Stored encrypted, never shown again', secretKept: 'Leave empty to keep the stored one',
        interval: 'Pull every (minutes)', intervalHint: 'Empty: pull on demand only', area: 'Area', lastPull: 'Pulled up to', never: 'Never pulled', mapping: 'Mapping', pull: 'Pull now',
      },
      pulls: { counts: '{{received}} received, {{created}} new, {{updated}} updated', status: { QUEUED: 'Queued', RUNNING: 'Pulling', COMPLETED: 'Done', FAILED: 'Failed', CANCELLED: 'Cancelled' } },
      mapping: {
        title: 'Mapping of {{name}}', intro: 'Give the form path of each registry field (the preview lists the paths seen in the latest submissions), the repeat group of the members and the choices that stand for registry codes.',
        fields: 'Fields', membersPath: 'Member repeat group', membersHint: 'Run a preview to see the repeat groups of the form', repeatsSeen: 'Repeat groups seen: {{paths}}',
        target: 'Registry field', path: 'Form path', phoneCountry: 'Default country calling code', choices: 'Choices', choicesHint: 'A select_one value in the form and the registry code it stands for.',
        formValue: 'Form value', registryCode: 'Registry code', addChoice: 'Add a choice', preview: 'Preview on the latest submissions', previewTitle: 'Preview', previewHint: 'The preview applies this mapping to the latest submissions on the server, with the checks they would fail.',
        members: '{{count}} member(s)', passes: 'Passes every check', noSubmissions: 'The form has no submission yet.', saved: 'Mapping saved', failed: 'The mapping could not be used', notFound: 'This connector does not exist or is outside your areas.',
      },
      targets: {
        household: { areaCode: 'Area code', address: 'Address', registrationDate: 'Registration date', photo: 'Photo (attachment)' },
        member: { givenName: 'Given name', familyName: 'Family name', sex: 'Sex', relationship: 'Relationship to the head', birthDate: 'Birth date', estimatedAge: 'Age (estimated)', phone: 'Phone', documentType: 'Document type', documentNumber: 'Document number' },
      },
      status: { REVIEW: 'To review', VALID: 'Ready', ACCEPTED: 'Accepted', REJECTED: 'Rejected' },
      issues: {
        AREA_UNKNOWN: 'Unknown area', DATE_IMPOSSIBLE: 'Impossible date', NO_HEAD: 'No head', SEVERAL_HEADS: 'Several heads', NAME_MISSING: 'Name missing', SEX_UNKNOWN: 'Sex unknown', RELATIONSHIP_UNKNOWN: 'Relationship unknown',
        PHONE_INVALID: 'Phone not valid', DOCUMENT_TYPE_UNKNOWN: 'Document type unknown', DOCUMENT_INVALID: 'Document number not valid', DOCUMENT_EXISTS: 'Document already registered', LIKELY_DUPLICATE: 'Likely registered already', NO_MEMBERS: 'No members',
      },
      queue: {
        title: 'Cleaning queue', count: '{{count}} submission(s)', empty: 'Nothing here', emptyHint: 'No submission with this status in your areas.', submitted: 'Received', source: 'Source', head: 'Head', members: 'Members', issues: 'Checks', status: 'Status',
        detail: 'Submission', household: 'Household', member: 'Member {{n}}', attachments: 'Attachments', saveCorrections: 'Save corrections', accept: 'Accept into the registry', reject: 'Reject', rejectReason: 'Reason for rejecting',
        openHousehold: 'Open the household in the registry', rejectedBecause: 'Rejected: {{reason}}', history: 'Corrections', corrected: 'Corrections saved',
        matchPerson: 'May already be registered:', matchOutside: 'May be a person registered outside your areas', matchScore: 'Score {{score}} %', accepted: 'Household registered', rejected: 'Submission rejected', failed: 'The action did not go through',
      },
      rules: {
        title: 'Cleaning rules', kind: 'Rule', kinds: { MAP_RELATIONSHIP: 'Map a relationship value to a code', TITLE_CASE_NAMES: 'Trim and title-case names', PHONE_E164: 'Phones to E.164' },
        value: 'Form value', code: 'Registry code', country: 'Default country code', preview: 'Preview', wouldChange: 'Would change {{fields}} field(s) in {{submissions}} submission(s).', field: 'Field', before: 'Before', after: 'After',
        apply: 'Apply to {{count}} submission(s)', applied: 'Rule applied: {{fields}} field(s) in {{submissions}} submission(s)', failed: 'The rule could not be applied',
      },
    },
  },
  fr: {
    approvals: { operations: { intake: { submissions: { accept: 'Accepter une soumission de terrain dans le registre' }, rules: { apply: 'Appliquer une règle de nettoyage aux soumissions' } } } },
    intake: {
      module: { title: 'Collecte terrain', description: 'Formulaires KoBoToolbox et ODK Central dont les soumissions passent par la file de nettoyage avant le registre.' },
      menu: { list: 'Collecte terrain', queue: 'File de nettoyage' },
      titles: { list: 'Collecte terrain', queue: 'File de nettoyage', mapping: 'Correspondance du formulaire' },
      common: { save: 'Enregistrer', cancel: 'Annuler', back: 'Retour', remove: 'Retirer' },
      list: { search: 'Rechercher par code ou nom', empty: 'Aucun connecteur', emptyHint: 'Ajoutez un formulaire KoBoToolbox ou ODK Central, ou aucun n’est dans vos zones.' },
      connectors: {
        new: 'Nouveau connecteur', edit: 'Modifier', saved: 'Connecteur enregistré', saveFailed: 'Le connecteur n’a pas été enregistré',
        code: 'Code', name: 'Nom', kind: 'Serveur', form: 'Serveur et formulaire', serverUrl: 'URL du serveur', assetUid: 'Formulaire (uid de l’asset)', xmlFormId: 'Formulaire (xmlFormId)', projectId: 'Identifiant du projet', username: 'E-mail de l’utilisateur',
        token: 'Jeton d’API', password: 'Mot de passe', secretSealed: 'Conservé chiffré, jamais réaffiché', secretKept: 'Laisser vide pour garder celui enregistré',
        interval: 'Récupérer toutes les (minutes)', intervalHint: 'Vide : uniquement à la demande', area: 'Zone', lastPull: 'Récupéré jusqu’au', never: 'Jamais récupéré', mapping: 'Correspondance', pull: 'Récupérer',
      },
      pulls: { counts: '{{received}} reçues, {{created}} nouvelles, {{updated}} mises à jour', status: { QUEUED: 'En attente', RUNNING: 'Récupération', COMPLETED: 'Terminé', FAILED: 'Échec', CANCELLED: 'Annulé' } },
      mapping: {
        title: 'Correspondance de {{name}}', intro: 'Indiquez le chemin du formulaire pour chaque champ du registre (l’aperçu liste les chemins vus dans les dernières soumissions), le groupe répété des membres et les choix qui correspondent à des codes du registre.',
        fields: 'Champs', membersPath: 'Groupe répété des membres', membersHint: 'Lancez un aperçu pour voir les groupes répétés du formulaire', repeatsSeen: 'Groupes répétés vus : {{paths}}',
        target: 'Champ du registre', path: 'Chemin dans le formulaire', phoneCountry: 'Indicatif du pays par défaut', choices: 'Choix', choicesHint: 'Une valeur select_one du formulaire et le code du registre qu’elle représente.',
        formValue: 'Valeur du formulaire', registryCode: 'Code du registre', addChoice: 'Ajouter un choix', preview: 'Aperçu sur les dernières soumissions', previewTitle: 'Aperçu', previewHint: 'L’aperçu applique cette correspondance aux dernières soumissions du serveur, avec les contrôles qui échoueraient.',
        members: '{{count}} membre(s)', passes: 'Passe tous les contrôles', noSubmissions: 'Le formulaire n’a encore aucune soumission.', saved: 'Correspondance enregistrée', failed: 'La correspondance n’a pas pu être utilisée', notFound: 'Ce connecteur n’existe pas ou se trouve hors de vos zones.',
      },
      targets: {
        household: { areaCode: 'Code de zone', address: 'Adresse', registrationDate: 'Date d’enregistrement', photo: 'Photo (pièce jointe)' },
        member: { givenName: 'Prénom', familyName: 'Nom', sex: 'Sexe', relationship: 'Lien avec le chef', birthDate: 'Date de naissance', estimatedAge: 'Âge (estimé)', phone: 'Téléphone', documentType: 'Type de document', documentNumber: 'Numéro de document' },
      },
      status: { REVIEW: 'À revoir', VALID: 'Prête', ACCEPTED: 'Acceptée', REJECTED: 'Rejetée' },
      issues: {
        AREA_UNKNOWN: 'Zone inconnue', DATE_IMPOSSIBLE: 'Date impossible', NO_HEAD: 'Pas de chef', SEVERAL_HEADS: 'Plusieurs chefs', NAME_MISSING: 'Nom manquant', SEX_UNKNOWN: 'Sexe inconnu', RELATIONSHIP_UNKNOWN: 'Lien inconnu',
        PHONE_INVALID: 'Téléphone non valide', DOCUMENT_TYPE_UNKNOWN: 'Type de document inconnu', DOCUMENT_INVALID: 'Numéro de document non valide', DOCUMENT_EXISTS: 'Document déjà enregistré', LIKELY_DUPLICATE: 'Probablement déjà enregistré', NO_MEMBERS: 'Aucun membre',
      },
      queue: {
        title: 'File de nettoyage', count: '{{count}} soumission(s)', empty: 'Rien ici', emptyHint: 'Aucune soumission avec ce statut dans vos zones.', submitted: 'Reçue', source: 'Source', head: 'Chef', members: 'Membres', issues: 'Contrôles', status: 'Statut',
        detail: 'Soumission', household: 'Ménage', member: 'Membre {{n}}', attachments: 'Pièces jointes', saveCorrections: 'Enregistrer les corrections', accept: 'Accepter dans le registre', reject: 'Rejeter', rejectReason: 'Motif du rejet',
        openHousehold: 'Ouvrir le ménage dans le registre', rejectedBecause: 'Rejetée : {{reason}}', history: 'Corrections', corrected: 'Corrections enregistrées',
        matchPerson: 'Peut-être déjà enregistré(e) :', matchOutside: 'Peut-être une personne enregistrée hors de vos zones', matchScore: 'Score {{score}} %', accepted: 'Ménage enregistré', rejected: 'Soumission rejetée', failed: 'L’action n’a pas abouti',
      },
      rules: {
        title: 'Règles de nettoyage', kind: 'Règle', kinds: { MAP_RELATIONSHIP: 'Associer une valeur de lien à un code', TITLE_CASE_NAMES: 'Nettoyer les noms (espaces, majuscules)', PHONE_E164: 'Téléphones au format E.164' },
        value: 'Valeur du formulaire', code: 'Code du registre', country: 'Indicatif par défaut', preview: 'Aperçu', wouldChange: 'Changerait {{fields}} champ(s) dans {{submissions}} soumission(s).', field: 'Champ', before: 'Avant', after: 'Après',
        apply: 'Appliquer à {{count}} soumission(s)', applied: 'Règle appliquée : {{fields}} champ(s) dans {{submissions}} soumission(s)', failed: 'La règle n’a pas pu être appliquée',
      },
    },
  },
  pt: {
    approvals: { operations: { intake: { submissions: { accept: 'Aceitar uma submissão do terreno no registo' }, rules: { apply: 'Aplicar uma regra de limpeza às submissões' } } } },
    intake: {
      module: { title: 'Recolha no terreno', description: 'Formulários KoBoToolbox e ODK Central cujas submissões passam pela fila de limpeza antes do registo.' },
      menu: { list: 'Recolha no terreno', queue: 'Fila de limpeza' },
      titles: { list: 'Recolha no terreno', queue: 'Fila de limpeza', mapping: 'Correspondência do formulário' },
      common: { save: 'Guardar', cancel: 'Cancelar', back: 'Voltar', remove: 'Remover' },
      list: { search: 'Pesquisar por código ou nome', empty: 'Nenhum conector', emptyHint: 'Adicione um formulário KoBoToolbox ou ODK Central, ou nenhum está nas suas áreas.' },
      connectors: {
        new: 'Novo conector', edit: 'Editar', saved: 'Conector guardado', saveFailed: 'O conector não foi guardado',
        code: 'Código', name: 'Nome', kind: 'Servidor', form: 'Servidor e formulário', serverUrl: 'URL do servidor', assetUid: 'Formulário (uid do asset)', xmlFormId: 'Formulário (xmlFormId)', projectId: 'Identificador do projeto', username: 'E-mail do utilizador',
        token: 'Token da API', password: 'Palavra-passe', secretSealed: 'Guardado cifrado, nunca mais mostrado', secretKept: 'Deixe vazio para manter o guardado',
        interval: 'Recolher a cada (minutos)', intervalHint: 'Vazio: só a pedido', area: 'Área', lastPull: 'Recolhido até', never: 'Nunca recolhido', mapping: 'Correspondência', pull: 'Recolher agora',
      },
      pulls: { counts: '{{received}} recebidas, {{created}} novas, {{updated}} atualizadas', status: { QUEUED: 'Em espera', RUNNING: 'A recolher', COMPLETED: 'Concluído', FAILED: 'Falhou', CANCELLED: 'Cancelado' } },
      mapping: {
        title: 'Correspondência de {{name}}', intro: 'Indique o caminho do formulário de cada campo do registo (a pré-visualização lista os caminhos vistos nas últimas submissões), o grupo repetido dos membros e as escolhas que correspondem a códigos do registo.',
        fields: 'Campos', membersPath: 'Grupo repetido dos membros', membersHint: 'Faça uma pré-visualização para ver os grupos repetidos do formulário', repeatsSeen: 'Grupos repetidos vistos: {{paths}}',
        target: 'Campo do registo', path: 'Caminho no formulário', phoneCountry: 'Indicativo do país por omissão', choices: 'Escolhas', choicesHint: 'Um valor select_one do formulário e o código do registo que representa.',
        formValue: 'Valor do formulário', registryCode: 'Código do registo', addChoice: 'Adicionar uma escolha', preview: 'Pré-visualizar nas últimas submissões', previewTitle: 'Pré-visualização', previewHint: 'A pré-visualização aplica esta correspondência às últimas submissões do servidor, com as verificações que falhariam.',
        members: '{{count}} membro(s)', passes: 'Passa todas as verificações', noSubmissions: 'O formulário ainda não tem submissões.', saved: 'Correspondência guardada', failed: 'Não foi possível usar a correspondência', notFound: 'Este conector não existe ou está fora das suas áreas.',
      },
      targets: {
        household: { areaCode: 'Código da área', address: 'Morada', registrationDate: 'Data de registo', photo: 'Fotografia (anexo)' },
        member: { givenName: 'Nome próprio', familyName: 'Apelido', sex: 'Sexo', relationship: 'Parentesco com o chefe', birthDate: 'Data de nascimento', estimatedAge: 'Idade (estimada)', phone: 'Telefone', documentType: 'Tipo de documento', documentNumber: 'Número do documento' },
      },
      status: { REVIEW: 'A rever', VALID: 'Pronta', ACCEPTED: 'Aceite', REJECTED: 'Rejeitada' },
      issues: {
        AREA_UNKNOWN: 'Área desconhecida', DATE_IMPOSSIBLE: 'Data impossível', NO_HEAD: 'Sem chefe', SEVERAL_HEADS: 'Vários chefes', NAME_MISSING: 'Nome em falta', SEX_UNKNOWN: 'Sexo desconhecido', RELATIONSHIP_UNKNOWN: 'Parentesco desconhecido',
        PHONE_INVALID: 'Telefone inválido', DOCUMENT_TYPE_UNKNOWN: 'Tipo de documento desconhecido', DOCUMENT_INVALID: 'Número de documento inválido', DOCUMENT_EXISTS: 'Documento já registado', LIKELY_DUPLICATE: 'Provavelmente já registado', NO_MEMBERS: 'Sem membros',
      },
      queue: {
        title: 'Fila de limpeza', count: '{{count}} submissão(ões)', empty: 'Nada aqui', emptyHint: 'Nenhuma submissão com este estado nas suas áreas.', submitted: 'Recebida', source: 'Origem', head: 'Chefe', members: 'Membros', issues: 'Verificações', status: 'Estado',
        detail: 'Submissão', household: 'Agregado', member: 'Membro {{n}}', attachments: 'Anexos', saveCorrections: 'Guardar correções', accept: 'Aceitar no registo', reject: 'Rejeitar', rejectReason: 'Motivo da rejeição',
        openHousehold: 'Abrir o agregado no registo', rejectedBecause: 'Rejeitada: {{reason}}', history: 'Correções', corrected: 'Correções guardadas',
        matchPerson: 'Talvez já registado(a):', matchOutside: 'Talvez uma pessoa registada fora das suas áreas', matchScore: 'Pontuação {{score}} %', accepted: 'Agregado registado', rejected: 'Submissão rejeitada', failed: 'A ação não foi concluída',
      },
      rules: {
        title: 'Regras de limpeza', kind: 'Regra', kinds: { MAP_RELATIONSHIP: 'Associar um valor de parentesco a um código', TITLE_CASE_NAMES: 'Limpar os nomes (espaços, maiúsculas)', PHONE_E164: 'Telefones em E.164' },
        value: 'Valor do formulário', code: 'Código do registo', country: 'Indicativo por omissão', preview: 'Pré-visualizar', wouldChange: 'Mudaria {{fields}} campo(s) em {{submissions}} submissão(ões).', field: 'Campo', before: 'Antes', after: 'Depois',
        apply: 'Aplicar a {{count}} submissão(ões)', applied: 'Regra aplicada: {{fields}} campo(s) em {{submissions}} submissão(ões)', failed: 'Não foi possível aplicar a regra',
      },
    },
  },
});
