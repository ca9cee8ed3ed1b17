// Public contract of the geo module: its definition and the services other modules may call.
export { geoDefinition } from './geo.definition';
export { AdminAreaService } from './admin-area.service';
export { AdminLevelService } from './admin-level.service';
export { AdminArea } from './entities/admin-area.entity';
export { AdminLevel } from './entities/admin-level.entity';
export { GeoModule } from './geo.module';
