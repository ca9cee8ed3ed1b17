// Public contract of the targeting module: its definition and the services other modules may call.
export { targetingDefinition } from './targeting.definition';
export { FormulaService } from './formula.service';
export { Formula } from './entities/formula.entity';
