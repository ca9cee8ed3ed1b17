import { Module } from '@nestjs/common';
import { ProgramsModule } from '@coremis/programs';
import { FormulaResolver } from './formula.resolver';
import { FormulaService } from './formula.service';

@Module({
  imports: [ProgramsModule],
  providers: [FormulaService, FormulaResolver],
  exports: [FormulaService],
})
export class TargetingModule {}
