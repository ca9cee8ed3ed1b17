import { Module } from '@nestjs/common';
import { GeoModule } from '@coremis/geo';
import { FormulaResolver } from './formula.resolver';
import { FormulaService } from './formula.service';

@Module({
  imports: [GeoModule],
  providers: [FormulaService, FormulaResolver],
  exports: [FormulaService],
})
export class TargetingModule {}
