export { type ExportCell, type ExportColumn, type ExportPage, type ExportableList, exportPageOf, ExportRegistry } from './exportable-list';
export { EXPORT_QUEUE, type ExportPayload, type ExportResult, ExportService } from './export.service';
export { type ExportFormat } from './export-file-writer';
