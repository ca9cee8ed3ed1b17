// Public contract of the intake module: its definition and the services other modules may call.
export { intakeDefinition } from './intake.definition';
export { ConnectorService } from './connector.service';
export { Connector } from './entities/connector.entity';
