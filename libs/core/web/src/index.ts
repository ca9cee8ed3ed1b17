export { provideCoreWeb, type CoreWebOptions } from './lib/core-web.providers';
export { provideGraphql, GRAPHQL_PATH } from './lib/graphql/graphql.providers';
export { resultData } from './lib/graphql/result-data';
export { toUserError, fieldErrorMap, type UserError, type FieldError, type ErrorCode } from './lib/graphql/user-error';
export { LanguageService, LANGUAGE_OPTIONS, type LanguageOption } from './lib/i18n/language.service';
export {
  defineTranslations,
  provideTranslations,
  SUPPORTED_LANGUAGES,
  DEFAULT_LANGUAGE,
  type SupportedLanguage,
  type TranslationBundle,
  type TranslationSource,
  type TranslationDictionary,
} from './lib/i18n/translation-bundle';
export { PRODUCT_NAME } from './lib/i18n/translated-title.strategy';
export { EnabledModulesService } from './lib/modules/enabled-modules.service';
export type { EnabledModule, MenuEntry } from './lib/modules/enabled-modules.queries';
export { moduleEnabled } from './lib/modules/module-enabled.guard';
export { ShellLayoutComponent } from './lib/layout/shell-layout.component';
export { HomePage } from './lib/pages/home.page';
export { NotFoundPage } from './lib/pages/not-found.page';
export { LoadingIndicatorComponent } from './lib/ui/loading-indicator.component';
export { EmptyStateComponent } from './lib/ui/empty-state.component';
export { ErrorBannerComponent } from './lib/ui/error-banner.component';
export { ConfirmDialogComponent, openConfirmDialog, type ConfirmDialogData } from './lib/ui/confirm-dialog.component';
export { ValidationMessagePipe, type ValidationMessageKeys } from './lib/ui/validation-message.pipe';
