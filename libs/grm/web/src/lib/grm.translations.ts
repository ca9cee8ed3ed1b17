import { defineTranslations } from '@coremis/core-web';

export const GRM_TRANSLATIONS = defineTranslations({
  en: { grm: {
  "module": {
    "title": "Grievances",
    "description": "Complaints, questions and data corrections, tracked to resolution."
  },
  "menu": {
    "list": "Grievances",
    "categories": "Grievance categories"
  },
  "tabs": {
    "grievances": "Grievances"
  },
  "titles": {
    "list": "Grievances",
    "detail": "Ticket",
    "categories": "Grievance categories"
  },
  "list": {
    "search": "Search by reference or text",
    "anyStatus": "Any status",
    "empty": "No ticket",
    "emptyHint": "No ticket matches, or none is in your areas.",
    "open": "Open ticket {{reference}}"
  },
  "fields": {
    "reference": "Reference",
    "receivedAt": "Received",
    "category": "Category",
    "status": "Status",
    "priority": "Priority",
    "dueAt": "Deadline",
    "channel": "Channel",
    "reporter": "Reporter",
    "assignee": "Assigned to",
    "household": "Household",
    "duplicateOf": "Repeats ticket",
    "description": "Description",
    "resolution": "Response",
    "sensitive": "Sensitive"
  },
  "status": {
    "RECEIVED": "Received",
    "OPEN": "Open",
    "IN_PROGRESS": "In progress",
    "ON_HOLD": "On hold",
    "RESOLVED": "Resolved",
    "CLOSED": "Closed",
    "REOPENED": "Reopened"
  },
  "transition": {
    "RECEIVED": "Receive",
    "OPEN": "Open",
    "IN_PROGRESS": "Start work",
    "ON_HOLD": "Put on hold",
    "RESOLVED": "Resolve",
    "CLOSED": "Close",
    "REOPENED": "Reopen"
  },
  "priority": {
    "LOW": "Low",
    "MEDIUM": "Medium",
    "HIGH": "High",
    "URGENT": "Urgent"
  },
  "channel": {
    "WEB": "Web",
    "PUBLIC_FORM": "Public form",
    "USSD": "USSD",
    "SMS": "SMS",
    "HOTLINE": "Hotline",
    "IN_PERSON": "In person",
    "COMMUNITY_MEETING": "Community meeting"
  },
  "reporter": {
    "REGISTERED_PERSON": "Registered person",
    "HOUSEHOLD_MEMBER": "Household member",
    "ANONYMOUS": "Anonymous",
    "STAFF": "Staff"
  },
  "event": {
    "CREATED": "Received",
    "TRANSITION": "Status changed",
    "COMMENT": "Comment",
    "ASSIGNMENT": "Assigned",
    "ESCALATION": "Escalated"
  },
  "attachments": {
    "title": "Attachments",
    "none": "No attachment yet.",
    "add": "Attach a photo or PDF",
    "hint": "JPEG, PNG, WebP or PDF, up to 5 MB; at most 10 per ticket.",
    "added": "{{name}} is attached.",
    "fromReporter": "sent by the reporter",
    "publicLabel": "Photo or document (optional)",
    "choose": "Choose a file",
    "noFile": "No file chosen",
    "publicHint": "A receipt, a letter or a photo: JPEG, PNG, WebP or PDF, up to 5 MB.",
    "publicFailed": "Your complaint is registered, but the file was not attached: {{message}}"
  },
  "detail": {
    "identityHidden": "identity hidden",
    "escalated": "escalated to {{role}}",
    "unassigned": "Not assigned",
    "open": "Open",
    "assignToMe": "Assign to me",
    "note": "Note or response (required to resolve)",
    "timeline": "Timeline",
    "internal": "internal",
    "comment": "Comment",
    "internalComment": "Internal (not shown to the reporter)",
    "addComment": "Add comment",
    "notFound": "This ticket does not exist or is outside your areas."
  },
  "categories": {
    "code": "Code",
    "name": "Name",
    "parent": "Parent category",
    "resolutionDays": "Days to resolve",
    "supervisorRole": "Supervisor role (escalation)",
    "save": "Save",
    "cancel": "Cancel",
    "edit": "Edit",
    "yes": "Yes",
    "no": "No",
    "empty": "No category yet: add the first one above."
  },
  "public": {
    "title": "Complaints and feedback",
    "submitTab": "Send a complaint",
    "followTab": "Follow my complaint",
    "province": "Province",
    "district": "District",
    "anonymous": "Send anonymously",
    "name": "Your name (optional)",
    "phone": "Phone number (optional)",
    "send": "Send",
    "thanks": "Thank you. Your complaint was received.",
    "secret": "Secret code",
    "keepThem": "Keep the reference and the secret code: you need both to follow your complaint.",
    "followSend": "Show",
    "notFound": "No complaint matches this reference and secret code."
  }
} },
  fr: { grm: {
  "module": {
    "title": "Plaintes",
    "description": "Plaintes, questions et corrections de données, suivies jusqu’à leur résolution."
  },
  "menu": {
    "list": "Plaintes",
    "categories": "Catégories de plaintes"
  },
  "tabs": {
    "grievances": "Plaintes"
  },
  "titles": {
    "list": "Plaintes",
    "detail": "Ticket",
    "categories": "Catégories de plaintes"
  },
  "list": {
    "search": "Rechercher par référence ou texte",
    "anyStatus": "Tous les statuts",
    "empty": "Aucun ticket",
    "emptyHint": "Aucun ticket ne correspond, ou aucun n’est dans vos zones.",
    "open": "Ouvrir le ticket {{reference}}"
  },
  "fields": {
    "reference": "Référence",
    "receivedAt": "Reçu le",
    "category": "Catégorie",
    "status": "Statut",
    "priority": "Priorité",
    "dueAt": "Échéance",
    "channel": "Canal",
    "reporter": "Plaignant",
    "assignee": "Attribué à",
    "household": "Ménage",
    "duplicateOf": "Répète le ticket",
    "description": "Description",
    "resolution": "Réponse",
    "sensitive": "Sensible"
  },
  "status": {
    "RECEIVED": "Reçu",
    "OPEN": "Ouvert",
    "IN_PROGRESS": "En cours",
    "ON_HOLD": "En attente",
    "RESOLVED": "Résolu",
    "CLOSED": "Clos",
    "REOPENED": "Rouvert"
  },
  "transition": {
    "RECEIVED": "Recevoir",
    "OPEN": "Ouvrir",
    "IN_PROGRESS": "Commencer le traitement",
    "ON_HOLD": "Mettre en attente",
    "RESOLVED": "Résoudre",
    "CLOSED": "Clore",
    "REOPENED": "Rouvrir"
  },
  "priority": {
    "LOW": "Basse",
    "MEDIUM": "Moyenne",
    "HIGH": "Haute",
    "URGENT": "Urgente"
  },
  "channel": {
    "WEB": "Web",
    "PUBLIC_FORM": "Formulaire public",
    "USSD": "USSD",
    "SMS": "SMS",
    "HOTLINE": "Ligne d’assistance",
    "IN_PERSON": "En personne",
    "COMMUNITY_MEETING": "Réunion communautaire"
  },
  "reporter": {
    "REGISTERED_PERSON": "Personne enregistrée",
    "HOUSEHOLD_MEMBER": "Membre du ménage",
    "ANONYMOUS": "Anonyme",
    "STAFF": "Personnel"
  },
  "event": {
    "CREATED": "Reçu",
    "TRANSITION": "Changement de statut",
    "COMMENT": "Commentaire",
    "ASSIGNMENT": "Attribution",
    "ESCALATION": "Escalade"
  },
  "attachments": {
    "title": "Pièces jointes",
    "none": "Aucune pièce jointe pour l’instant.",
    "add": "Joindre une photo ou un PDF",
    "hint": "JPEG, PNG, WebP ou PDF, jusqu’à 5 Mo ; au plus 10 par ticket.",
    "added": "{{name}} est joint.",
    "fromReporter": "envoyé par le plaignant",
    "publicLabel": "Photo ou document (facultatif)",
    "choose": "Choisir un fichier",
    "noFile": "Aucun fichier choisi",
    "publicHint": "Un reçu, une lettre ou une photo : JPEG, PNG, WebP ou PDF, jusqu’à 5 Mo.",
    "publicFailed": "Votre plainte est enregistrée, mais le fichier n’a pas été joint : {{message}}"
  },
  "detail": {
    "identityHidden": "identité masquée",
    "escalated": "escaladé à {{role}}",
    "unassigned": "Non attribué",
    "open": "Ouvrir",
    "assignToMe": "M’attribuer",
    "note": "Note ou réponse (obligatoire pour résoudre)",
    "timeline": "Historique",
    "internal": "interne",
    "comment": "Commentaire",
    "internalComment": "Interne (non montré au plaignant)",
    "addComment": "Ajouter le commentaire",
    "notFound": "Ce ticket n’existe pas ou se trouve hors de vos zones."
  },
  "categories": {
    "code": "Code",
    "name": "Nom",
    "parent": "Catégorie parente",
    "resolutionDays": "Jours pour résoudre",
    "supervisorRole": "Rôle d’escalade",
    "save": "Enregistrer",
    "cancel": "Annuler",
    "edit": "Modifier",
    "yes": "Oui",
    "no": "Non",
    "empty": "Aucune catégorie : ajoutez la première ci-dessus."
  },
  "public": {
    "title": "Plaintes et réclamations",
    "submitTab": "Déposer une plainte",
    "followTab": "Suivre ma plainte",
    "province": "Province",
    "district": "District",
    "anonymous": "Envoyer anonymement",
    "name": "Votre nom (facultatif)",
    "phone": "Numéro de téléphone (facultatif)",
    "send": "Envoyer",
    "thanks": "Merci. Votre plainte a été reçue.",
    "secret": "Code secret",
    "keepThem": "Conservez la référence et le code secret : les deux sont nécessaires pour suivre votre plainte.",
    "followSend": "Afficher",
    "notFound": "Aucune plainte ne correspond à cette référence et à ce code secret."
  }
} },
  pt: { grm: {
  "module": {
    "title": "Reclamações",
    "description": "Reclamações, perguntas e correções de dados, acompanhadas até à resolução."
  },
  "menu": {
    "list": "Reclamações",
    "categories": "Categorias de reclamações"
  },
  "tabs": {
    "grievances": "Reclamações"
  },
  "titles": {
    "list": "Reclamações",
    "detail": "Pedido",
    "categories": "Categorias de reclamações"
  },
  "list": {
    "search": "Pesquisar por referência ou texto",
    "anyStatus": "Qualquer estado",
    "empty": "Nenhum pedido",
    "emptyHint": "Nenhum pedido corresponde, ou nenhum está nas suas áreas.",
    "open": "Abrir o pedido {{reference}}"
  },
  "fields": {
    "reference": "Referência",
    "receivedAt": "Recebido",
    "category": "Categoria",
    "status": "Estado",
    "priority": "Prioridade",
    "dueAt": "Prazo",
    "channel": "Canal",
    "reporter": "Reclamante",
    "assignee": "Atribuído a",
    "household": "Agregado",
    "duplicateOf": "Repete o pedido",
    "description": "Descrição",
    "resolution": "Resposta",
    "sensitive": "Sensível"
  },
  "status": {
    "RECEIVED": "Recebido",
    "OPEN": "Aberto",
    "IN_PROGRESS": "Em curso",
    "ON_HOLD": "Em espera",
    "RESOLVED": "Resolvido",
    "CLOSED": "Fechado",
    "REOPENED": "Reaberto"
  },
  "transition": {
    "RECEIVED": "Receber",
    "OPEN": "Abrir",
    "IN_PROGRESS": "Iniciar tratamento",
    "ON_HOLD": "Pôr em espera",
    "RESOLVED": "Resolver",
    "CLOSED": "Fechar",
    "REOPENED": "Reabrir"
  },
  "priority": {
    "LOW": "Baixa",
    "MEDIUM": "Média",
    "HIGH": "Alta",
    "URGENT": "Urgente"
  },
  "channel": {
    "WEB": "Web",
    "PUBLIC_FORM": "Formulário público",
    "USSD": "USSD",
    "SMS": "SMS",
    "HOTLINE": "Linha de apoio",
    "IN_PERSON": "Presencial",
    "COMMUNITY_MEETING": "Reunião comunitária"
  },
  "reporter": {
    "REGISTERED_PERSON": "Pessoa registada",
    "HOUSEHOLD_MEMBER": "Membro do agregado",
    "ANONYMOUS": "Anónimo",
    "STAFF": "Funcionário"
  },
  "event": {
    "CREATED": "Recebido",
    "TRANSITION": "Mudança de estado",
    "COMMENT": "Comentário",
    "ASSIGNMENT": "Atribuição",
    "ESCALATION": "Escalada"
  },
  "attachments": {
    "title": "Anexos",
    "none": "Ainda sem anexos.",
    "add": "Anexar uma foto ou PDF",
    "hint": "JPEG, PNG, WebP ou PDF, até 5 MB; no máximo 10 por caso.",
    "added": "{{name}} foi anexado.",
    "fromReporter": "enviado pelo reclamante",
    "publicLabel": "Foto ou documento (opcional)",
    "choose": "Escolher um ficheiro",
    "noFile": "Nenhum ficheiro escolhido",
    "publicHint": "Um recibo, uma carta ou uma foto: JPEG, PNG, WebP ou PDF, até 5 MB.",
    "publicFailed": "A sua reclamação foi registada, mas o ficheiro não foi anexado: {{message}}"
  },
  "detail": {
    "identityHidden": "identidade oculta",
    "escalated": "escalado para {{role}}",
    "unassigned": "Não atribuído",
    "open": "Abrir",
    "assignToMe": "Atribuir a mim",
    "note": "Nota ou resposta (obrigatória para resolver)",
    "timeline": "Histórico",
    "internal": "interno",
    "comment": "Comentário",
    "internalComment": "Interno (não mostrado ao reclamante)",
    "addComment": "Adicionar comentário",
    "notFound": "Este pedido não existe ou está fora das suas áreas."
  },
  "categories": {
    "code": "Código",
    "name": "Nome",
    "parent": "Categoria principal",
    "resolutionDays": "Dias para resolver",
    "supervisorRole": "Perfil de escalada",
    "save": "Guardar",
    "cancel": "Cancelar",
    "edit": "Editar",
    "yes": "Sim",
    "no": "Não",
    "empty": "Nenhuma categoria: adicione a primeira acima."
  },
  "public": {
    "title": "Reclamações e sugestões",
    "submitTab": "Enviar uma reclamação",
    "followTab": "Acompanhar a minha reclamação",
    "province": "Província",
    "district": "Distrito",
    "anonymous": "Enviar anonimamente",
    "name": "O seu nome (opcional)",
    "phone": "Número de telefone (opcional)",
    "send": "Enviar",
    "thanks": "Obrigado. A sua reclamação foi recebida.",
    "secret": "Código secreto",
    "keepThem": "Guarde a referência e o código secreto: precisa de ambos para acompanhar a sua reclamação.",
    "followSend": "Mostrar",
    "notFound": "Nenhuma reclamação corresponde a esta referência e código secreto."
  }
} },
});
