import { type DynamicModule, Module } from '@nestjs/common';
import { CoreModule, type CoreModuleOptions } from '../core.module';

/** The worker: core infrastructure plus every enabled module's job processors, no HTTP. */
@Module({})
export class WorkerAppModule {
  static forRoot(options: Omit<CoreModuleOptions, 'role'>): DynamicModule {
    return {
      module: WorkerAppModule,
      imports: [CoreModule.forRoot({ ...options, role: 'worker' }), ...options.modules.flatMap((m) => (m.workerModule ? [m.workerModule] : []))],
    };
  }
}
