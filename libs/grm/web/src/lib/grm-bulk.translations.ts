import { defineTranslations } from '@coremis/core-web';

/** Bulk updates from a file: the page, its steps, statuses and messages. */
export const GRM_BULK_TRANSLATIONS = defineTranslations({
  en: {
    "grm": {
      "menu": { "bulkUpdates": "Bulk updates" },
      "titles": { "bulkUpdates": "Bulk updates" },
      "bulk": {
        "intro": "Change fields of many households or people from a CSV or XLSX file: every row is checked and nothing is written unless the whole file is valid.",
        "steps": { "file": "1. File", "mapping": "2. Columns", "result": "3. Check and apply" },
        "recordType": "Records",
        "chooseFile": "Choose a file",
        "idColumn": "Column of the record ids",
        "column": "Column",
        "field": "Field",
        "ignore": "(not used)",
        "check": "Check the file",
        "line": "Line",
        "problem": "Problem",
        "oldValue": "Current value",
        "newValue": "New value",
        "previous": "Previous",
        "next": "Next",
        "invalid": "{{errors}} problem(s) in {{rows}} row(s): correct the file and send it again. Nothing will be written.",
        "summary": "{{records}} record(s) and {{fields}} value(s) change ({{rows}} row(s) read). Sample:",
        "stale": "{{count}} record(s) changed after the check: nothing was written. Check the file again.",
        "apply": "Apply",
        "applied": "The bulk update was applied.",
        "staleNotice": "Records changed after the check: nothing was written.",
        "status": { "CHECKING": "Checking", "FAILED": "File unreadable", "INVALID": "Errors", "READY": "Ready to apply", "APPLYING": "Applying", "APPLIED": "Applied", "STALE": "Stale" }
      }
    }
  },
  fr: {
    "grm": {
      "menu": { "bulkUpdates": "Mises à jour en masse" },
      "titles": { "bulkUpdates": "Mises à jour en masse" },
      "bulk": {
        "intro": "Modifiez des champs de nombreux ménages ou personnes depuis un fichier CSV ou XLSX : chaque ligne est vérifiée et rien n'est écrit si le fichier entier n'est pas valide.",
        "steps": { "file": "1. Fichier", "mapping": "2. Colonnes", "result": "3. Vérifier et appliquer" },
        "recordType": "Enregistrements",
        "chooseFile": "Choisir un fichier",
        "idColumn": "Colonne des identifiants",
        "column": "Colonne",
        "field": "Champ",
        "ignore": "(non utilisée)",
        "check": "Vérifier le fichier",
        "line": "Ligne",
        "problem": "Problème",
        "oldValue": "Valeur actuelle",
        "newValue": "Nouvelle valeur",
        "previous": "Précédent",
        "next": "Suivant",
        "invalid": "{{errors}} problème(s) sur {{rows}} ligne(s) : corrigez le fichier et envoyez-le à nouveau. Rien ne sera écrit.",
        "summary": "{{records}} enregistrement(s) et {{fields}} valeur(s) changent ({{rows}} ligne(s) lue(s)). Exemple :",
        "stale": "{{count}} enregistrement(s) ont changé après la vérification : rien n'a été écrit. Vérifiez à nouveau le fichier.",
        "apply": "Appliquer",
        "applied": "La mise à jour en masse a été appliquée.",
        "staleNotice": "Des enregistrements ont changé après la vérification : rien n'a été écrit.",
        "status": { "CHECKING": "Vérification", "FAILED": "Fichier illisible", "INVALID": "Erreurs", "READY": "Prête à appliquer", "APPLYING": "Application en cours", "APPLIED": "Appliquée", "STALE": "Périmée" }
      }
    }
  },
  pt: {
    "grm": {
      "menu": { "bulkUpdates": "Atualizações em massa" },
      "titles": { "bulkUpdates": "Atualizações em massa" },
      "bulk": {
        "intro": "Altere campos de muitos agregados ou pessoas a partir de um ficheiro CSV ou XLSX: cada linha é verificada e nada é escrito se o ficheiro inteiro não for válido.",
        "steps": { "file": "1. Ficheiro", "mapping": "2. Colunas", "result": "3. Verificar e aplicar" },
        "recordType": "Registos",
        "chooseFile": "Escolher um ficheiro",
        "idColumn": "Coluna dos identificadores",
        "column": "Coluna",
        "field": "Campo",
        "ignore": "(não usada)",
        "check": "Verificar o ficheiro",
        "line": "Linha",
        "problem": "Problema",
        "oldValue": "Valor atual",
        "newValue": "Novo valor",
        "previous": "Anterior",
        "next": "Seguinte",
        "invalid": "{{errors}} problema(s) em {{rows}} linha(s): corrija o ficheiro e envie-o novamente. Nada será escrito.",
        "summary": "{{records}} registo(s) e {{fields}} valor(es) mudam ({{rows}} linha(s) lida(s)). Amostra:",
        "stale": "{{count}} registo(s) mudaram depois da verificação: nada foi escrito. Verifique o ficheiro novamente.",
        "apply": "Aplicar",
        "applied": "A atualização em massa foi aplicada.",
        "staleNotice": "Registos mudaram depois da verificação: nada foi escrito.",
        "status": { "CHECKING": "A verificar", "FAILED": "Ficheiro ilegível", "INVALID": "Erros", "READY": "Pronta a aplicar", "APPLYING": "A aplicar", "APPLIED": "Aplicada", "STALE": "Desatualizada" }
      }
    }
  },
});
