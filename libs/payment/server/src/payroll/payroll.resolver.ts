import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApprovableOperation, CacheableQuery, Job, RequirePermissions, UuidPipe } from '@coremis/core';
import { IsNotEmpty, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ArgsType, Field } from '@nestjs/graphql';
import { CashDeliveryInput, CreatePayrollInput, PayrollDecisionInput, PayrollLinesArgs, PayrollLinesDecisionInput, PayrollsArgs, SaveBenefitRulesInput } from '../dto/payroll.inputs';
import { PayrollConnection, PayrollLineConnection, PayrollSummary, ReconciliationReport } from '../dto/payroll.models';
import { PaymentApplyOutcome } from '../dto/payment.results.models';
import { BenefitRuleSet } from '../entities/benefit-rule-set.entity';
import { Payroll } from '../entities/payroll.entity';
import { PayrollSubmissionService } from '../submission/payroll-submission.service';
import { ReconcileFileInput, ReconciliationFileColumns, ReconciliationFileInput, ReconciliationOutcome } from '../reconciliation/reconciliation.inputs';
import { ReconciliationService } from '../reconciliation/reconciliation.service';
import { PayrollService } from './payroll.service';

@ArgsType()
class FollowUpArgs {
  @Field(() => ID)
  @IsUUID()
  payrollId: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]*$/)
  code: string;
}

/** Payrolls: each operation declares its permission; the services apply the geographic scope. */
@Resolver(() => Payroll)
export class PayrollResolver {
  constructor(
    private readonly service: PayrollService,
    private readonly submission: PayrollSubmissionService,
    private readonly reconciliation: ReconciliationService,
  ) {}

  @Query(() => [BenefitRuleSet], { description: 'Every version of a programme\'s benefit rules, newest first.' })
  @CacheableQuery()
  @RequirePermissions('payment.view')
  benefitRuleSets(@Args('programId', { type: () => ID }, UuidPipe) programId: string): Promise<BenefitRuleSet[]> {
    return this.service.ruleSets(programId);
  }

  @Mutation(() => BenefitRuleSet, { description: 'Saves a new version of the benefit rules; may be held for approval.' })
  @RequirePermissions('payment.manage')
  @ApprovableOperation('payment.rules.save')
  saveBenefitRules(@Args('input') input: SaveBenefitRulesInput): Promise<BenefitRuleSet> {
    return this.service.saveRules(input);
  }

  @Query(() => PayrollConnection)
  @CacheableQuery()
  @RequirePermissions('payment.view')
  async payrolls(@Args() args: PayrollsArgs): Promise<PayrollConnection> {
    return (await this.service.list(args)) as PayrollConnection;
  }

  @Query(() => Payroll, { nullable: true })
  @CacheableQuery()
  @RequirePermissions('payment.view')
  payroll(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<Payroll | null> {
    return this.service.findById(id);
  }

  @Query(() => PayrollLineConnection, { description: 'Lines of a payroll in the caller\'s areas.' })
  @CacheableQuery()
  @RequirePermissions('payment.view')
  async payrollLines(@Args() args: PayrollLinesArgs): Promise<PayrollLineConnection> {
    return (await this.service.lines(args)) as PayrollLineConnection;
  }

  @Query(() => PayrollSummary)
  @CacheableQuery()
  @RequirePermissions('payment.view')
  payrollSummary(@Args('payrollId', { type: () => ID }, UuidPipe) payrollId: string): Promise<PayrollSummary> {
    return this.service.summary(payrollId);
  }

  @Query(() => ReconciliationReport)
  @CacheableQuery()
  @RequirePermissions('payment.view')
  reconciliationReport(@Args('payrollId', { type: () => ID }, UuidPipe) payrollId: string): Promise<ReconciliationReport> {
    return this.service.reconciliationReport(payrollId);
  }

  @Mutation(() => Payroll, { description: 'Creates a DRAFT payroll for a cycle and starts its generation.' })
  @RequirePermissions('payment.manage')
  createPayroll(@Args('input') input: CreatePayrollInput): Promise<Payroll> {
    return this.service.create(input);
  }

  @Mutation(() => Job, { description: 'Generates a DRAFT payroll again: adds only the beneficiaries it lacks.' })
  @RequirePermissions('payment.manage')
  regeneratePayroll(@Args('id', { type: () => ID }, UuidPipe) id: string): Promise<Job> {
    return this.service.startGeneration(id);
  }

  @Mutation(() => Int, { description: 'Releases flagged lines for payment (DRAFT payroll).' })
  @RequirePermissions('payment.review')
  releasePayrollLines(@Args('input') input: PayrollLinesDecisionInput): Promise<number> {
    return this.service.decideLines(input.payrollId, input.lineIds, 'RELEASE', input.reason);
  }

  @Mutation(() => Int, { description: 'Cancels lines (DRAFT payroll).' })
  @RequirePermissions('payment.review')
  cancelPayrollLines(@Args('input') input: PayrollLinesDecisionInput): Promise<number> {
    return this.service.decideLines(input.payrollId, input.lineIds, 'CANCEL', input.reason);
  }

  @Mutation(() => Payroll)
  @RequirePermissions('payment.manage')
  submitPayrollForApproval(@Args('input') input: PayrollDecisionInput): Promise<Payroll> {
    return this.service.submitForApproval(input.payrollId);
  }

  @Mutation(() => Payroll, { description: 'Approves a payroll pending approval; held for the configured approval levels.' })
  @RequirePermissions('payment.approve')
  @ApprovableOperation('payment.payrolls.approve')
  approvePayroll(@Args('input') input: PayrollDecisionInput): Promise<Payroll> {
    return this.service.approve(input.payrollId);
  }

  @Mutation(() => Payroll, { description: 'Rejects a payroll pending approval: it goes back to DRAFT.' })
  @RequirePermissions('payment.approve')
  rejectPayroll(@Args('input') input: PayrollDecisionInput): Promise<Payroll> {
    return this.service.reject(input.payrollId, input.reason);
  }

  @Mutation(() => Job, { description: 'Sends an approved payroll to its provider (or to its payment points), as a background job.' })
  @RequirePermissions('payment.pay')
  @ApprovableOperation('payment.payrolls.pay')
  startPayrollPayment(@Args('input') input: PayrollDecisionInput): Promise<Job> {
    return this.submission.start(input.payrollId);
  }

  @Mutation(() => Int, { description: 'Asks the provider the status of every line still SUBMITTED.' })
  @RequirePermissions('payment.pay')
  pollPayrollStatus(@Args('payrollId', { type: () => ID }, UuidPipe) payrollId: string): Promise<number> {
    return this.submission.pollStatus(payrollId);
  }

  @Mutation(() => Payroll, { description: 'A DRAFT follow-up payroll carrying the failed lines of a payroll in payment.' })
  @RequirePermissions('payment.manage')
  createFollowUpPayroll(@Args() args: FollowUpArgs): Promise<Payroll> {
    return this.service.createFollowUp(args.payrollId, args.code);
  }

  @Mutation(() => PaymentApplyOutcome, { description: 'Records cash handed over at a payment point.' })
  @RequirePermissions('payment.deliver')
  recordCashDelivery(@Args('input') input: CashDeliveryInput): Promise<PaymentApplyOutcome> {
    return this.submission.recordCashDelivery(input.lineId, input.paidAmountMinor, input.receipt);
  }

  @Query(() => ReconciliationFileColumns, { description: "A reconciliation file's header, first rows and suggested mapping, before reconciling with it." })
  @RequirePermissions('payment.pay')
  reconciliationFileColumns(@Args('input') input: ReconciliationFileInput): Promise<ReconciliationFileColumns> {
    return this.reconciliation.columns(input);
  }

  @Mutation(() => ReconciliationOutcome, {
    description: 'Reconciles a payroll from a provider or bank CSV file; replaying the same file changes nothing. Held for approval when a flow is enabled for payment.reconciliation.file (a dry run never is).',
  })
  @RequirePermissions('payment.pay')
  @ApprovableOperation('payment.reconciliation.file', {
    requiresApproval: (payload) => !(payload['input'] as { dryRun?: boolean } | undefined)?.dryRun,
    summary: (payload) => {
      const input = payload['input'] as { payrollId?: string; fileName?: string } | undefined;
      return `${String(input?.fileName ?? '')} → payroll ${String(input?.payrollId ?? '')}`;
    },
  })
  reconcilePayrollFile(@Args('input') input: ReconcileFileInput): Promise<ReconciliationOutcome> {
    return this.reconciliation.reconcile(input);
  }
}
