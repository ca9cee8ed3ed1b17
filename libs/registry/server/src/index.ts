// Public contract of the registry module: its definition and the services other modules may call.
export { registryDefinition } from './registry.definition';
export { HouseholdService } from './household.service';
export { IndividualService } from './individual.service';
export { Household, HOUSEHOLD_SUMMARY } from './entities/household.entity';
export { Individual, INDIVIDUAL_SUMMARY } from './entities/individual.entity';
export { Relationship, RecipientRole, Sex, HouseholdStatus, IndividualStatus, VOCABULARY } from './registry-vocabulary';
export { DuplicateDetectionService } from './duplicates/duplicate-detection.service';
export { FIELD_NAMES, type ModelParams, probabilityOf, weightOf } from './duplicates/duplicate-model';
export { CandidateMatchService, type UnregisteredPerson, type RegisteredCandidate, type FieldContribution, type CandidateMatchOptions } from './duplicates/candidate-match.service';
export { StoredFile } from './entities/stored-file.entity';
export { PHONE_PATTERN } from './registry-vocabulary';
export { RegistryModule, RegistryWorkerModule } from './registry.module';
export { RecordChangeService, type ChangeableField, type ChangeFieldType, type ChangeOutcome, type FieldChange, type RecordEntity, type RecordSnapshot } from './record-changes.service';
// the import's upload and file reading, reused by other modules' bulk files (grm bulk updates)
export { ImportUploadService, MAX_UPLOAD_BYTES } from './import/import-upload.service';
export { ImportUpload } from './entities/import-upload.entity';
export { previewFile, csvStreamOf, copyOptionsOf, type ImportFormat } from './import/import-file-reader';
export { type ImportReadOptions } from './import/import-read-options';
// large set-based writes to the registry's tables from other modules (grm bulk updates)
export { dropIndexesForBulk, restoreBulkIndexes, updateStaysOnPage, type BulkIndexPolicy, type RegistryBulkTable } from './import/bulk-indexes.sql';
