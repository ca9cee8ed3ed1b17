// Public contract of the targeting module: its definition and the services other modules may call.
export { targetingDefinition } from './targeting.definition';
export { FormulaService } from './formula.service';
export { Formula, FormulaKind, FormulaVersion } from './entities/formula.entity';
export { compileFormula, checkFormula, FormulaError, type CompiledFormula, type FormulaProblem } from './formula/formula.compiler';
export { compileCriteria, CriteriaError, type CriteriaGroup, type CriteriaCondition } from './formula/criteria.compiler';
export { variableCatalogue, type VariableCatalogue } from './formula/formula-variables';
export { scoreBatchSql } from './scoring/score-batch.sql';
