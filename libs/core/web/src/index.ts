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
export { LoadingIndicatorComponent } from './lib/ui/loading-indicator.component';
export { EmptyStateComponent } from './lib/ui/empty-state.component';
export { ErrorBannerComponent } from './lib/ui/error-banner.component';
export { ConfirmDialogComponent, openConfirmDialog, type ConfirmDialogData } from './lib/ui/confirm-dialog.component';
export { ValidationMessagePipe, type ValidationMessageKeys } from './lib/ui/validation-message.pipe';
export { AuthService, ALL_PERMISSIONS, type PermissionRequirement, type SignInReason } from './lib/auth/auth.service';
export type { CurrentUser, RoleRef } from './lib/auth/auth.queries';
export {
  signedIn,
  signedOut,
  passwordChangeRequired,
  hasPermission,
  LOGIN_PATH,
  CHANGE_PASSWORD_PATH,
  ACCESS_DENIED_PATH,
} from './lib/auth/auth.guards';
export { ACCOUNT_PATH } from './lib/auth/user-menu.component';
export { MenuService, ADMIN_BASE_PATH, type NavSection, type NavEntry } from './lib/layout/menu.service';
export { approvalPending, type ApprovalPending } from './lib/graphql/approval-pending';
export { Notifier, APPROVALS_PATH, MY_REQUESTS_LINK } from './lib/ui/notifier.service';
export { NoticeBannerComponent, type NoticeKind } from './lib/ui/notice-banner.component';
export { DateTimePipe, type DateTimeStyle } from './lib/ui/date-time.pipe';
export { showServerFieldErrors } from './lib/ui/form-errors';

export * from './app';
export {
  provideApprovalDetails,
  type ApprovalDetailsResolver,
  type ApprovalDetailsSource,
} from './lib/approvals/approval-details';
export { AuthorizedFilesService, FileTransferError, type UploadEvent } from './lib/files/authorized-files.service';
