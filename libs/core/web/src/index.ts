export { provideCoreWeb, type CoreWebOptions } from './lib/core-web.providers';
export { GRAPHQL, GRAPHQL_URI, GraphqlClientLoader, graphqlReady } from './lib/graphql/graphql-client';
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
export { PAGE_TABS, PAGE_TAB_HOSTS, type PageTabContribution, type ContributedTab } from './lib/modules/page-tab-contribution';
export { contributedTabs } from './lib/modules/page-tabs';
export { ContributedTabComponent } from './lib/modules/contributed-tab.component';
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
export { JobProgressComponent, type JobProgressState } from './lib/ui/job-progress.component';
export { DateTimePipe, DayPipe, formatDay, type DateTimeStyle } from './lib/ui/date-time.pipe';
export { formatPhone, PhonePipe } from './lib/ui/phone.pipe';
export { FileSizePipe, formatFileSize } from './lib/ui/file-size.pipe';
export { showServerFieldErrors, revealFirstError, FormSubmission, type FormSubmissionOptions } from './lib/ui/form-errors';

// The web kit: every list page and every module builds on it.
export { CursorPaging, pageRange } from './lib/ui/data-list/cursor-paging';
export { ListUrlState, readListParams, listQueryParams, PAGE_PARAM, type ListValues } from './lib/ui/data-list/list-url-state';
export { DebouncedText, SEARCH_DEBOUNCE_MS } from './lib/ui/data-list/debounced-text';
export { RowSelection } from './lib/ui/data-list/row-selection';
export { ColumnChoice, type ListColumn } from './lib/ui/data-list/column-choice';
export { DataList, dataList, type DataListOptions, type DataListView } from './lib/ui/data-list/data-list';
export { toListPage, type ListPage, type RelayConnection } from './lib/ui/data-list/list-page';
export { latestValue } from './lib/ui/data-list/latest-value';
export { searchOptions, type SearchOptions } from './lib/ui/data-list/search-options';
export { ListExport, type ListExporter, type ExportFormat, type ExportProgress } from './lib/ui/data-list/list-export';
export { ListSort, parseSort, formatSort, type ListSortValue, type SortDirection as ListSortDirection } from './lib/ui/data-list/list-sort';
export { SortHeaderComponent } from './lib/ui/data-list/sort-header.component';
export { ExportButtonComponent } from './lib/ui/data-list/export-button.component';
export { ServerExports } from './lib/ui/data-list/server-exports.service';
export { SearchFieldComponent } from './lib/ui/data-list/search-field.component';
export { FilterChipsComponent, filterChips, oneOf, type FilterChip, type ChipLabels } from './lib/ui/data-list/filter-chips.component';
export { CursorPagerComponent } from './lib/ui/data-list/cursor-pager.component';
export { DataTableComponent, RowDetailDirective } from './lib/ui/data-list/data-table.component';
export { AreaPickerComponent, areaChosen, isArea, type AreaValue } from './lib/ui/area-picker/area-picker.component';
export { AreaSearchService } from './lib/ui/area-picker/area-search.service';
export type { AreaOption } from './lib/ui/area-picker/area.queries';
export { LanguageDateAdapter, provideLanguageDates, parseDay, dateOrder, DATE_LOCALES, isoDay, dayOf } from './lib/ui/dates/language-date-adapter';
export { provideDatepickerLabels } from './lib/ui/dates/translated-datepicker-intl';

export * from './app';
export {
  provideApprovalDetails,
  type ApprovalDetailsResolver,
  type ApprovalDetailsSource,
} from './lib/approvals/approval-details';
export { AuthorizedFilesService, FileTransferError, type UploadEvent } from './lib/files/authorized-files.service';
export { areaFilter, type AreaFilter } from './lib/ui/area-picker/area-filter';
export { ChoiceFilterComponent } from './lib/ui/data-list/choice-filter.component';
export { NameCodeComponent } from './lib/ui/data-list/name-code.component';
export { AreaPathPipe, formatAreaPath, AREA_PATH_SEPARATOR, type AreaPathSource } from './lib/ui/area-path.pipe';
export { BarChartComponent, type ChartSeries } from './lib/ui/charts/bar-chart.component';
