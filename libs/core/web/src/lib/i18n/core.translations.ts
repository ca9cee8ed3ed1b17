import { defineTranslations } from './translation-bundle';

export const CORE_TRANSLATIONS = defineTranslations({
  en: {
    core: {
      loading: 'Loading…',
      paginator: {
        itemsPerPage: 'Per page',
        next: 'Next page',
        previous: 'Previous page',
        first: 'First page',
        last: 'Last page',
        range: '{{start}}–{{end}} of {{length}}',
        empty: '0 of {{length}}',
      },
      stepper: { optional: 'Optional', completed: 'Completed', editable: 'Editable' },
      actions: { retry: 'Try again', close: 'Close', cancel: 'Cancel' },
      layout: { language: 'Language', toggleMenu: 'Show or hide the menu', navigation: 'Main navigation' },
      nav: { home: 'Home' },
      home: {
        title: 'Welcome to CoreMIS',
        intro: 'The management information system for social protection programmes. Choose a module to start.',
        modules: 'Modules',
        noModules: 'No module is enabled on this installation yet.',
      },
      notFound: {
        title: 'Page not found',
        message: 'The page you asked for does not exist, or its module is not enabled on this installation.',
        home: 'Back to the home page',
      },
      errors: {
        network: 'Cannot reach the server. Check your network connection and try again.',
        server:
          'The server ran into a problem and could not finish your request. Try again in a few minutes; if it keeps happening, contact your system administrator.',
        unexpectedResponse:
          'The server sent an answer this page does not understand. Try again; if it keeps happening, contact your system administrator.',
        unknown: 'Something unexpected went wrong. Please try again.',
      },
      titles: { home: 'Home', notFound: 'Page not found' },
      validation: {
        required: 'This field is required.',
        maxLength: 'Use at most {{requiredLength}} characters.',
        minLength: 'Use at least {{requiredLength}} characters.',
        pattern: 'This value is not in the expected format.',
        invalid: 'This value is not valid.',
      },
    },
  },
  fr: {
    core: {
      loading: 'Chargement…',
      paginator: {
        itemsPerPage: 'Par page',
        next: 'Page suivante',
        previous: 'Page précédente',
        first: 'Première page',
        last: 'Dernière page',
        range: '{{start}}–{{end}} sur {{length}}',
        empty: '0 sur {{length}}',
      },
      stepper: { optional: 'Facultatif', completed: 'Terminé', editable: 'Modifiable' },
      actions: { retry: 'Réessayer', close: 'Fermer', cancel: 'Annuler' },
      layout: { language: 'Langue', toggleMenu: 'Afficher ou masquer le menu', navigation: 'Navigation principale' },
      nav: { home: 'Accueil' },
      home: {
        title: 'Bienvenue dans CoreMIS',
        intro:
          'Le système d’information de gestion des programmes de protection sociale. Choisissez un module pour commencer.',
        modules: 'Modules',
        noModules: 'Aucun module n’est encore activé sur cette installation.',
      },
      notFound: {
        title: 'Page introuvable',
        message: 'La page demandée n’existe pas, ou son module n’est pas activé sur cette installation.',
        home: 'Retour à l’accueil',
      },
      errors: {
        network: 'Impossible de joindre le serveur. Vérifiez votre connexion réseau, puis réessayez.',
        server:
          'Le serveur a rencontré un problème et n’a pas pu traiter votre demande. Réessayez dans quelques minutes\u00a0; si le problème persiste, contactez votre administrateur système.',
        unexpectedResponse:
          'Le serveur a envoyé une réponse que cette page ne comprend pas. Réessayez\u00a0; si le problème persiste, contactez votre administrateur système.',
        unknown: 'Une erreur inattendue s’est produite. Veuillez réessayer.',
      },
      titles: { home: 'Accueil', notFound: 'Page introuvable' },
      validation: {
        required: 'Ce champ est obligatoire.',
        maxLength: 'Utilisez au plus {{requiredLength}} caractères.',
        minLength: 'Utilisez au moins {{requiredLength}} caractères.',
        pattern: 'Cette valeur n’est pas au format attendu.',
        invalid: 'Cette valeur n’est pas valide.',
      },
    },
  },
  pt: {
    core: {
      loading: 'A carregar…',
      paginator: {
        itemsPerPage: 'Por página',
        next: 'Página seguinte',
        previous: 'Página anterior',
        first: 'Primeira página',
        last: 'Última página',
        range: '{{start}}–{{end}} de {{length}}',
        empty: '0 de {{length}}',
      },
      stepper: { optional: 'Opcional', completed: 'Concluído', editable: 'Editável' },
      actions: { retry: 'Tentar novamente', close: 'Fechar', cancel: 'Cancelar' },
      layout: { language: 'Idioma', toggleMenu: 'Mostrar ou ocultar o menu', navigation: 'Navegação principal' },
      nav: { home: 'Início' },
      home: {
        title: 'Bem-vindo ao CoreMIS',
        intro:
          'O sistema de informação de gestão dos programas de proteção social. Escolha um módulo para começar.',
        modules: 'Módulos',
        noModules: 'Ainda não há nenhum módulo ativo nesta instalação.',
      },
      notFound: {
        title: 'Página não encontrada',
        message: 'A página pedida não existe, ou o seu módulo não está ativo nesta instalação.',
        home: 'Voltar à página inicial',
      },
      errors: {
        network: 'Não é possível contactar o servidor. Verifique a sua ligação à rede e tente novamente.',
        server:
          'O servidor encontrou um problema e não conseguiu concluir o seu pedido. Tente novamente dentro de alguns minutos; se o problema persistir, contacte o administrador do sistema.',
        unexpectedResponse:
          'O servidor enviou uma resposta que esta página não compreende. Tente novamente; se o problema persistir, contacte o administrador do sistema.',
        unknown: 'Ocorreu um erro inesperado. Tente novamente.',
      },
      titles: { home: 'Início', notFound: 'Página não encontrada' },
      validation: {
        required: 'Este campo é obrigatório.',
        maxLength: 'Utilize no máximo {{requiredLength}} caracteres.',
        minLength: 'Utilize pelo menos {{requiredLength}} caracteres.',
        pattern: 'Este valor não está no formato esperado.',
        invalid: 'Este valor não é válido.',
      },
    },
  },
});
