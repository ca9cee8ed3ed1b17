// Public contract of the payment module: its definition and the services other modules may call.
export { paymentDefinition } from './payment.definition';
export { CycleService } from './cycle.service';
export { Cycle } from './entities/cycle.entity';
