import { ChangeDetectionStrategy, Component, computed, inject, resource, signal } from '@angular/core';
import { type AbstractControl, FormArray, type FormControl, type FormGroup, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltip } from '@angular/material/tooltip';
import { approvalPending, DateTimePipe, ErrorBannerComponent, FormSubmission, LanguageService, Notifier, ValidationMessagePipe } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import { Observable } from 'rxjs';
import { CycleService } from '../data/cycle.service';
import type { GoodsRuleSetRow } from './goods.queries';
import { GoodsService } from './goods.service';
import { localizedName } from '../ui/payment-format';

/** Same bounds as the API. */
const MAX_QUANTITY = 1_000_000;
const MAX_RULES = 50;

type RuleForm = FormGroup<{
  itemId: FormControl<string>;
  perHousehold: FormControl<number | null>;
  perMember: FormControl<number | null>;
  memberCap: FormControl<number | null>;
}>;

/** A rule hands something over: a quantity per household, per member, or both. */
function somethingValidator(group: AbstractControl): ValidationErrors | null {
  const v = group.value as { perHousehold: number | null; perMember: number | null };
  return !Number(v.perHousehold) && !Number(v.perMember) ? { nothing: true } : null;
}

/** An item appears once in a rule set. */
function distinctItems(array: AbstractControl): ValidationErrors | null {
  const ids = (array.value as { itemId: string }[]).map((r) => r.itemId).filter(Boolean);
  return new Set(ids).size !== ids.length ? { itemTwice: true } : null;
}

/**
 * A programme's goods rules: what each beneficiary receives of each item (per household, per active member up to a
 * cap). Saving writes a new version (distributions keep the version they were generated with); an approval flow may
 * hold it.
 */
@Component({
  selector: 'cm-payment-goods-rules-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInput, MatSelectModule, MatButton, MatIconButton, MatIcon, MatTooltip, TranslatePipe, DateTimePipe, ErrorBannerComponent, ValidationMessagePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../ui/payment-dialog.scss',
  template: `
    <h2 mat-dialog-title>{{ 'paymentGoods.rules.title' | translate }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="goods-rules-form">
      <mat-dialog-content>
        @if (error(); as error) {
          <cm-error-banner [error]="error" titleKey="paymentGoods.rules.failed" [messageKey]="errorMessageKey()" />
        }
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'paymentGoods.rules.programme' | translate }}</mat-label>
          <mat-select formControlName="programId" required (valueChange)="choose($event)" data-testid="goods-rules-programme">
            @for (p of programs.value() ?? []; track p.id) {
              <mat-option [value]="p.id" [attr.data-testid]="'goods-rules-programme-' + p.code">{{ nameOf(p.name) }} ({{ p.code }})</mat-option>
            }
          </mat-select>
          <mat-error>{{ form.controls.programId.errors | validationMessage }}</mat-error>
        </mat-form-field>
        @if (form.controls.programId.value) {
          <p class="hint" data-testid="goods-rules-version">
            @if (current(); as c) {
              {{ 'paymentGoods.rules.inForce' | translate: { version: c.ruleVersion } }} {{ c.createdAt | dateTime: lang() }}
            } @else {
              {{ 'paymentGoods.rules.none' | translate }}
            }
          </p>
          <div formArrayName="rules" class="rules">
            @for (rule of form.controls.rules.controls; track rule; let i = $index) {
              <div class="rule" [formGroupName]="i" [attr.data-testid]="'goods-rule-' + i">
                <mat-form-field subscriptSizing="dynamic" class="item">
                  <mat-label>{{ 'paymentGoods.entitlements.item' | translate }}</mat-label>
                  <mat-select formControlName="itemId" required [attr.data-testid]="'goods-rule-item-' + i">
                    @for (item of items.value() ?? []; track item.id) {
                      <mat-option [value]="item.id" [attr.data-testid]="'goods-rule-item-option-' + item.code">{{ nameOf(item.names) }} ({{ item.unit }})</mat-option>
                    }
                  </mat-select>
                  <mat-error>{{ rule.controls.itemId.errors | validationMessage }}</mat-error>
                </mat-form-field>
                <mat-form-field subscriptSizing="dynamic">
                  <mat-label>{{ 'paymentGoods.rules.perHousehold' | translate }}</mat-label>
                  <input matInput type="number" min="0" [max]="max" step="1" formControlName="perHousehold" [attr.data-testid]="'goods-rule-household-' + i" />
                  <mat-error>{{ rule.controls.perHousehold.errors | validationMessage }}</mat-error>
                </mat-form-field>
                <mat-form-field subscriptSizing="dynamic">
                  <mat-label>{{ 'paymentGoods.rules.perMember' | translate }}</mat-label>
                  <input matInput type="number" min="0" [max]="max" step="1" formControlName="perMember" [attr.data-testid]="'goods-rule-member-' + i" />
                  <mat-error>{{ rule.controls.perMember.errors | validationMessage }}</mat-error>
                </mat-form-field>
                <mat-form-field subscriptSizing="dynamic">
                  <mat-label>{{ 'paymentGoods.rules.memberCap' | translate }}</mat-label>
                  <input matInput type="number" min="1" max="100" step="1" formControlName="memberCap" [attr.data-testid]="'goods-rule-cap-' + i" />
                  <mat-error>{{ rule.controls.memberCap.errors | validationMessage }}</mat-error>
                </mat-form-field>
                <button mat-icon-button type="button" (click)="remove(i)" [disabled]="form.controls.rules.length === 1" [matTooltip]="'paymentGoods.rules.remove' | translate" [attr.aria-label]="'paymentGoods.rules.remove' | translate">
                  <mat-icon>delete</mat-icon>
                </button>
                @if (rule.errors?.['nothing'] && rule.touched) {
                  <p class="rule-error" role="alert">{{ 'paymentGoods.rules.nothing' | translate }}</p>
                }
              </div>
            }
          </div>
          @if (form.controls.rules.errors?.['itemTwice']) {
            <p class="rule-error" role="alert" data-testid="goods-rules-twice">{{ 'paymentGoods.rules.itemTwice' | translate }}</p>
          }
          <div>
            <button mat-stroked-button type="button" (click)="add()" [disabled]="form.controls.rules.length >= maxRules" data-testid="goods-rules-add">
              <mat-icon aria-hidden="true">add</mat-icon>
              {{ 'paymentGoods.rules.add' | translate }}
            </button>
          </div>
          <p class="hint">{{ 'paymentGoods.rules.hint' | translate }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'paymentGoods.distributions.cancel' | translate }}</button>
        <button mat-flat-button type="submit" [disabled]="saving() || !form.controls.programId.value" data-testid="goods-rules-save">{{ 'paymentGoods.rules.save' | translate }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .rules {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .rule {
      display: grid;
      grid-template-columns: minmax(160px, 2fr) repeat(3, minmax(110px, 1fr)) auto;
      gap: 8px;
      align-items: start;
    }
    .rule-error {
      grid-column: 1 / -1;
      margin: 0;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
    @media (max-width: 640px) {
      .rule {
        grid-template-columns: 1fr 1fr;
      }
      .rule .item {
        grid-column: 1 / -1;
      }
    }
  `,
})
export class GoodsRulesDialogComponent {
  private readonly dialogRef = inject<MatDialogRef<GoodsRulesDialogComponent, { ruleVersion: number } | 'held'>>(MatDialogRef);
  private readonly goods = inject(GoodsService);
  private readonly notifier = inject(Notifier);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly lang = inject(LanguageService).current;
  protected readonly max = MAX_QUANTITY;
  protected readonly maxRules = MAX_RULES;

  private readonly cycles = inject(CycleService);
  protected readonly programs = resource({ loader: () => this.cycles.programs() });
  protected readonly items = resource({ loader: async () => (await this.goods.items(undefined, null)).rows.filter((i) => i.active) });
  private readonly ruleSets = signal<readonly GoodsRuleSetRow[]>([]);
  protected readonly current = computed(() => this.ruleSets()[0] ?? null);

  protected readonly form = this.fb.group({
    programId: this.fb.control('', [Validators.required]),
    rules: new FormArray<RuleForm>([], [distinctItems]),
  });
  private readonly submission = new FormSubmission(this.form, {
    fixFieldsKey: 'paymentGoods.distributions.fixFields',
    // held for approval: nothing failed, the version is written once approved
    handled: (error) => {
      if (!approvalPending(error)) return false;
      this.notifier.notify('paymentGoods.rules.heldForApproval');
      this.dialogRef.close('held');
      return true;
    },
  });
  protected readonly saving = this.submission.saving;
  protected readonly error = this.submission.error;
  protected readonly errorMessageKey = this.submission.errorMessageKey;

  protected nameOf(names: { en: string; fr?: string | null; pt?: string | null }): string {
    return localizedName(names, this.lang());
  }

  /** The programme's rules in force fill the form: a new version starts from them. */
  protected async choose(programId: string): Promise<void> {
    const sets = await this.goods.ruleSets(programId);
    if (this.form.controls.programId.value !== programId) return;
    this.ruleSets.set(sets);
    const rules = this.form.controls.rules;
    rules.clear();
    for (const r of sets[0]?.rules ?? []) rules.push(this.rule(r));
    if (!rules.length) rules.push(this.rule());
  }

  protected add(): void {
    this.form.controls.rules.push(this.rule());
  }

  protected remove(index: number): void {
    this.form.controls.rules.removeAt(index);
  }

  private rule(r?: { itemId: string; perHousehold: number; perMember: number; memberCap?: number | null }): RuleForm {
    const quantity = [Validators.required, Validators.min(0), Validators.max(MAX_QUANTITY), Validators.pattern(/^\d+$/)];
    return this.fb.group(
      {
        itemId: this.fb.control<string>(r?.itemId ?? '', [Validators.required]),
        perHousehold: this.fb.control<number | null>(r?.perHousehold ?? 0, quantity),
        perMember: this.fb.control<number | null>(r?.perMember ?? 0, quantity),
        memberCap: this.fb.control<number | null>(r?.memberCap ?? null, [Validators.min(1), Validators.max(100), Validators.pattern(/^\d+$/)]),
      },
      { validators: [somethingValidator] },
    );
  }

  protected async save(): Promise<void> {
    const v = this.form.getRawValue();
    const saved = await this.submission.run(() =>
      this.goods.saveRules({
        programId: v.programId,
        rules: v.rules.map((r) => ({ itemId: r.itemId, perHousehold: Number(r.perHousehold ?? 0), perMember: Number(r.perMember ?? 0), memberCap: r.memberCap === null || String(r.memberCap) === '' ? null : Number(r.memberCap) })),
      }),
    );
    if (saved) this.dialogRef.close({ ruleVersion: saved.ruleVersion });
  }
}

export function openGoodsRulesDialog(dialog: MatDialog): Observable<{ ruleVersion: number } | 'held' | undefined> {
  return dialog
    .open<GoodsRulesDialogComponent, void, { ruleVersion: number } | 'held'>(GoodsRulesDialogComponent, { width: '820px', maxWidth: '95vw', autoFocus: 'first-tabbable' })
    .afterClosed();
}
