import { Module } from '@nestjs/common';
import { AREA_SCOPE_PROVIDER } from '@coremis/core';
import { GeoAreaScopeProvider } from './area-scope.provider';
import { AdminAreaImportReportResolver } from './admin-area-import-report.resolver';
import { AdminAreaResolver } from './admin-area.resolver';
import { AdminAreaService } from './admin-area.service';
import { AdminLevelResolver } from './admin-level.resolver';
import { AdminLevelService } from './admin-level.service';
import { AdminAreaImportProcessor } from './import/admin-area-import.processor';
import { AreaImportUploadController } from './import/area-import-upload.controller';
import { AreaImportUploadService } from './import/area-import-upload.service';

@Module({
  controllers: [AreaImportUploadController],
  providers: [
    AdminAreaService,
    AreaImportUploadService,
    AdminLevelService,
    AdminAreaResolver,
    AdminLevelResolver,
    AdminAreaImportReportResolver,
    { provide: AREA_SCOPE_PROVIDER, useClass: GeoAreaScopeProvider },
  ],
  exports: [AdminAreaService, AdminLevelService, AREA_SCOPE_PROVIDER],
})
export class GeoModule {}

/** Job processors of the geo module, run by the worker (or in-process without Redis). */
@Module({
  providers: [AdminAreaImportProcessor, AreaImportUploadService],
})
export class GeoWorkerModule {}
