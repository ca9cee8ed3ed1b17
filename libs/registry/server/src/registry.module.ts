import { RegistryExports } from './registry-exports';
import { Module } from '@nestjs/common';
import { GeoModule } from '@coremis/geo';
import { DuplicateDetectionProcessor } from './duplicates/duplicate-detection.processor';
import { CandidateMatchService } from './duplicates/candidate-match.service';
import { DuplicateDetectionService } from './duplicates/duplicate-detection.service';
import { DuplicateMergeService } from './duplicates/duplicate-merge.service';
import { DuplicateResolver } from './duplicates/duplicate.resolver';
import { ExtraFieldsService } from './extra-fields.service';
import { FieldSchemaResolver } from './field-schema.resolver';
import { HouseholdResolver } from './household.resolver';
import { HouseholdService } from './household.service';
import { ImportReportService } from './import/import-report.service';
import { ImportUploadController } from './import/import-upload.controller';
import { ImportUploadService } from './import/import-upload.service';
import { RegistryImportProcessor } from './import/registry-import.processor';
import { RegistryImportResolver } from './import/registry-import.resolver';
import { RegistryImportService } from './import/registry-import.service';
import { ImportColumnValuesService } from './import/import-column-values.service';
import { IndividualResolver } from './individual.resolver';
import { IndividualService } from './individual.service';
import { MemberWriter } from './member-writer.service';
import { RegistryIntegrityResolver, RegistryIntegrityService } from './registry-integrity.service';
import { PhoneCountryCode } from './phone-number';
import { RecordChangeService } from './record-changes.service';
import { RosterService } from './roster.service';
import { SavedSearchResolver } from './saved-search.resolver';
import { StoredFileController } from './stored-file.controller';

const SERVICES = [PhoneCountryCode, RegistryExports, HouseholdService, IndividualService, MemberWriter, RosterService, ExtraFieldsService, ImportUploadService, ImportReportService, RegistryImportService, ImportColumnValuesService, DuplicateDetectionService, CandidateMatchService, DuplicateMergeService, RegistryIntegrityService, RecordChangeService];

@Module({
  imports: [GeoModule],
  controllers: [ImportUploadController, StoredFileController],
  providers: [...SERVICES, HouseholdResolver, IndividualResolver, FieldSchemaResolver, RegistryImportResolver, DuplicateResolver, SavedSearchResolver, RegistryIntegrityResolver],
  exports: [HouseholdService, IndividualService, CandidateMatchService, RecordChangeService, ImportUploadService],
})
export class RegistryModule {}

/** Job processors of the registry (imports, duplicate detection), run by the worker or in-process. */
@Module({
  imports: [GeoModule],
  providers: [...SERVICES, RegistryImportProcessor, DuplicateDetectionProcessor],
  exports: [HouseholdService, IndividualService, CandidateMatchService, RecordChangeService, ImportUploadService],
})
export class RegistryWorkerModule {}
