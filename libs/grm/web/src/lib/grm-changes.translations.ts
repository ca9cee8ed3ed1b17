import { defineTranslations } from '@coremis/core-web';

/** Data-change requests: the list, the detail, the request dialog and the household tab. */
export const GRM_CHANGES_TRANSLATIONS = defineTranslations({
  en: {
    "approvals": { "operations": { "grm": { "changes": { "apply": "Apply a data-change request" }, "bulkUpdates": { "apply": "Apply a bulk update from a file" } } } },
    "grm": {
      "menu": {
        "changes": "Data changes"
      },
      "tabs": {
        "changes": "Data changes"
      },
      "titles": {
        "changes": "Data changes",
        "change": "Data-change request"
      },
      "changes": {
        "list": {
          "search": "Household code or name",
          "status": "Status",
          "anyStatus": "Any status",
          "type": "Record",
          "anyType": "Households and people",
          "area": "Area",
          "empty": "No data-change requests",
          "emptyHint": "Requests to correct a household's or a person's data appear here.",
          "open": "Open the request on {{label}}"
        },
        "columns": {
          "record": "Household or person",
          "type": "Record",
          "fields": "Fields",
          "status": "Status",
          "requestedBy": "Requested by",
          "createdAt": "Requested on"
        },
        "status": {
          "PENDING": "Waiting",
          "APPLIED": "Applied",
          "STALE": "Stale",
          "REJECTED": "Rejected"
        },
        "recordType": {
          "HOUSEHOLD": "Household",
          "INDIVIDUAL": "Person"
        },
        "approval": {
          "PENDING": "Waiting for approval",
          "EXECUTING": "Being applied",
          "EXECUTED": "Approved",
          "REJECTED": "Rejected",
          "CANCELLED": "Withdrawn",
          "FAILED": "Failed",
          "level": "Level {{current}} of {{levels}}",
          "title": "Approval",
          "openInbox": "Open the approvals inbox",
          "none": "No approval flow: a checker applies it"
        },
        "detail": {
          "field": "Field",
          "oldValue": "Value when requested",
          "newValue": "New value",
          "reason": "Reason",
          "requestedBy": "Requested by {{user}} on {{date}}",
          "staleHint": "The record changed after this request was made; nothing was overwritten. Fields changed meanwhile: {{fields}}.",
          "decisionNote": "Refused: {{note}}",
          "apply": "Apply",
          "reject": "Refuse",
          "rejectReason": "Why is it refused?",
          "applied": "The change was applied.",
          "stale": "The record changed meanwhile: the request is stale and nothing was overwritten.",
          "rejected": "The request was refused.",
          "missing": "This request does not exist or is outside your areas.",
          "back": "All data-change requests",
          "record": "Household or person",
          "openRecord": "Open the record",
          "empty": "(empty)"
        },
        "dialog": {
          "title": "Request a change",
          "record": "Record to change",
          "household": "Household {{code}}",
          "field": "Field",
          "value": "New value",
          "add": "Add a field",
          "remove": "Remove this field",
          "reason": "Reason",
          "submit": "Send the request",
          "cancel": "Cancel",
          "created": "The change request was recorded.",
          "sentForApproval": "The change request was sent for approval.",
          "fixFields": "Correct the fields marked in red.",
          "empty": "(empty)",
          "yes": "Yes",
          "no": "No"
        },
        "request": "Request a change",
        "fields": {
          "address": "Address",
          "latitude": "Latitude",
          "longitude": "Longitude",
          "rooms": "Rooms",
          "wallMaterial": "Wall material",
          "roofMaterial": "Roof material",
          "floorMaterial": "Floor material",
          "waterSource": "Water source",
          "sanitation": "Sanitation",
          "lighting": "Lighting",
          "cookingFuel": "Cooking fuel",
          "givenName": "Given name",
          "familyName": "Family name",
          "otherNames": "Other names",
          "sex": "Sex",
          "birthDate": "Date of birth",
          "maritalStatus": "Marital status",
          "disability": "Disability",
          "education": "Education",
          "occupation": "Occupation"
        }
      }
    }
  },
  fr: {
    "approvals": { "operations": { "grm": { "changes": { "apply": "Appliquer une demande de modification des données" }, "bulkUpdates": { "apply": "Appliquer une mise à jour en masse depuis un fichier" } } } },
    "grm": {
      "menu": {
        "changes": "Modifications de données"
      },
      "tabs": {
        "changes": "Modifications"
      },
      "titles": {
        "changes": "Modifications de données",
        "change": "Demande de modification"
      },
      "changes": {
        "list": {
          "search": "Code du ménage ou nom",
          "status": "Statut",
          "anyStatus": "Tout statut",
          "type": "Fiche",
          "anyType": "Ménages et personnes",
          "area": "Zone",
          "empty": "Aucune demande de modification",
          "emptyHint": "Les demandes de correction des données d'un ménage ou d'une personne apparaissent ici.",
          "open": "Ouvrir la demande sur {{label}}"
        },
        "columns": {
          "record": "Ménage ou personne",
          "type": "Fiche",
          "fields": "Champs",
          "status": "Statut",
          "requestedBy": "Demandée par",
          "createdAt": "Demandée le"
        },
        "status": {
          "PENDING": "En attente",
          "APPLIED": "Appliquée",
          "STALE": "Périmée",
          "REJECTED": "Rejetée"
        },
        "recordType": {
          "HOUSEHOLD": "Ménage",
          "INDIVIDUAL": "Personne"
        },
        "approval": {
          "PENDING": "En attente d'approbation",
          "EXECUTING": "En cours d'application",
          "EXECUTED": "Approuvée",
          "REJECTED": "Rejetée",
          "CANCELLED": "Retirée",
          "FAILED": "Échec",
          "level": "Niveau {{current}} sur {{levels}}",
          "title": "Approbation",
          "openInbox": "Ouvrir la boîte des approbations",
          "none": "Sans circuit d'approbation : un vérificateur l'applique"
        },
        "detail": {
          "field": "Champ",
          "oldValue": "Valeur lors de la demande",
          "newValue": "Nouvelle valeur",
          "reason": "Motif",
          "requestedBy": "Demandée par {{user}} le {{date}}",
          "staleHint": "La fiche a changé après cette demande ; rien n'a été écrasé. Champs modifiés entre-temps : {{fields}}.",
          "decisionNote": "Refusée : {{note}}",
          "apply": "Appliquer",
          "reject": "Refuser",
          "rejectReason": "Pourquoi la refuser ?",
          "applied": "La modification a été appliquée.",
          "stale": "La fiche a changé entre-temps : la demande est périmée et rien n'a été écrasé.",
          "rejected": "La demande a été refusée.",
          "missing": "Cette demande n'existe pas ou est hors de vos zones.",
          "back": "Toutes les demandes de modification",
          "record": "Ménage ou personne",
          "openRecord": "Ouvrir la fiche",
          "empty": "(vide)"
        },
        "dialog": {
          "title": "Demander une modification",
          "record": "Fiche à modifier",
          "household": "Ménage {{code}}",
          "field": "Champ",
          "value": "Nouvelle valeur",
          "add": "Ajouter un champ",
          "remove": "Retirer ce champ",
          "reason": "Motif",
          "submit": "Envoyer la demande",
          "cancel": "Annuler",
          "created": "La demande de modification a été enregistrée.",
          "sentForApproval": "La demande de modification a été envoyée pour approbation.",
          "fixFields": "Corrigez les champs marqués en rouge.",
          "empty": "(vide)",
          "yes": "Oui",
          "no": "Non"
        },
        "request": "Demander une modification",
        "fields": {
          "address": "Adresse",
          "latitude": "Latitude",
          "longitude": "Longitude",
          "rooms": "Pièces",
          "wallMaterial": "Matériau des murs",
          "roofMaterial": "Matériau du toit",
          "floorMaterial": "Matériau du sol",
          "waterSource": "Source d'eau",
          "sanitation": "Assainissement",
          "lighting": "Éclairage",
          "cookingFuel": "Combustible de cuisine",
          "givenName": "Prénom",
          "familyName": "Nom",
          "otherNames": "Autres noms",
          "sex": "Sexe",
          "birthDate": "Date de naissance",
          "maritalStatus": "État civil",
          "disability": "Handicap",
          "education": "Instruction",
          "occupation": "Profession"
        }
      }
    }
  },
  pt: {
    "approvals": { "operations": { "grm": { "changes": { "apply": "Aplicar um pedido de alteração de dados" }, "bulkUpdates": { "apply": "Aplicar uma atualização em massa a partir de um ficheiro" } } } },
    "grm": {
      "menu": {
        "changes": "Alterações de dados"
      },
      "tabs": {
        "changes": "Alterações"
      },
      "titles": {
        "changes": "Alterações de dados",
        "change": "Pedido de alteração"
      },
      "changes": {
        "list": {
          "search": "Código do agregado ou nome",
          "status": "Estado",
          "anyStatus": "Qualquer estado",
          "type": "Registo",
          "anyType": "Agregados e pessoas",
          "area": "Área",
          "empty": "Nenhum pedido de alteração",
          "emptyHint": "Os pedidos de correção dos dados de um agregado ou de uma pessoa aparecem aqui.",
          "open": "Abrir o pedido sobre {{label}}"
        },
        "columns": {
          "record": "Agregado ou pessoa",
          "type": "Registo",
          "fields": "Campos",
          "status": "Estado",
          "requestedBy": "Pedido por",
          "createdAt": "Pedido em"
        },
        "status": {
          "PENDING": "Em espera",
          "APPLIED": "Aplicado",
          "STALE": "Desatualizado",
          "REJECTED": "Rejeitado"
        },
        "recordType": {
          "HOUSEHOLD": "Agregado",
          "INDIVIDUAL": "Pessoa"
        },
        "approval": {
          "PENDING": "À espera de aprovação",
          "EXECUTING": "Em aplicação",
          "EXECUTED": "Aprovado",
          "REJECTED": "Rejeitado",
          "CANCELLED": "Retirado",
          "FAILED": "Falhou",
          "level": "Nível {{current}} de {{levels}}",
          "title": "Aprovação",
          "openInbox": "Abrir a caixa de aprovações",
          "none": "Sem circuito de aprovação: um verificador aplica-o"
        },
        "detail": {
          "field": "Campo",
          "oldValue": "Valor quando pedido",
          "newValue": "Novo valor",
          "reason": "Motivo",
          "requestedBy": "Pedido por {{user}} em {{date}}",
          "staleHint": "O registo mudou depois deste pedido; nada foi substituído. Campos alterados entretanto: {{fields}}.",
          "decisionNote": "Recusado: {{note}}",
          "apply": "Aplicar",
          "reject": "Recusar",
          "rejectReason": "Porque é recusado?",
          "applied": "A alteração foi aplicada.",
          "stale": "O registo mudou entretanto: o pedido está desatualizado e nada foi substituído.",
          "rejected": "O pedido foi recusado.",
          "missing": "Este pedido não existe ou está fora das suas áreas.",
          "back": "Todos os pedidos de alteração",
          "record": "Agregado ou pessoa",
          "openRecord": "Abrir o registo",
          "empty": "(vazio)"
        },
        "dialog": {
          "title": "Pedir uma alteração",
          "record": "Registo a alterar",
          "household": "Agregado {{code}}",
          "field": "Campo",
          "value": "Novo valor",
          "add": "Adicionar um campo",
          "remove": "Retirar este campo",
          "reason": "Motivo",
          "submit": "Enviar o pedido",
          "cancel": "Cancelar",
          "created": "O pedido de alteração foi registado.",
          "sentForApproval": "O pedido de alteração foi enviado para aprovação.",
          "fixFields": "Corrija os campos assinalados a vermelho.",
          "empty": "(vazio)",
          "yes": "Sim",
          "no": "Não"
        },
        "request": "Pedir uma alteração",
        "fields": {
          "address": "Endereço",
          "latitude": "Latitude",
          "longitude": "Longitude",
          "rooms": "Divisões",
          "wallMaterial": "Material das paredes",
          "roofMaterial": "Material do telhado",
          "floorMaterial": "Material do chão",
          "waterSource": "Fonte de água",
          "sanitation": "Saneamento",
          "lighting": "Iluminação",
          "cookingFuel": "Combustível para cozinhar",
          "givenName": "Nome próprio",
          "familyName": "Apelido",
          "otherNames": "Outros nomes",
          "sex": "Sexo",
          "birthDate": "Data de nascimento",
          "maritalStatus": "Estado civil",
          "disability": "Deficiência",
          "education": "Escolaridade",
          "occupation": "Profissão"
        }
      }
    }
  },
});
