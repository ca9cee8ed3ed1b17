import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { TranslatePipe } from '@ngx-translate/core';
import { FieldSchemaEditorComponent } from './field-schema-editor.component';

/** The extra fields a deployment adds to households and individuals. */
@Component({
  selector: 'cm-field-schema-page',
  imports: [MatTabsModule, TranslatePipe, FieldSchemaEditorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="page-header">
      <div>
        <h1 data-testid="field-schema-title">{{ 'registry.schema.title' | translate }}</h1>
        <p class="subtitle">{{ 'registry.schema.subtitle' | translate }}</p>
      </div>
    </header>
    <mat-tab-group mat-stretch-tabs="false" mat-align-tabs="start" animationDuration="0ms" data-testid="field-schema-tabs">
      <mat-tab>
        <ng-template mat-tab-label><span data-testid="field-schema-tab-HOUSEHOLD">{{ 'registry.schema.households' | translate }}</span></ng-template>
        <cm-field-schema-editor entity="HOUSEHOLD" />
      </mat-tab>
      <mat-tab>
        <ng-template mat-tab-label><span data-testid="field-schema-tab-INDIVIDUAL">{{ 'registry.schema.individuals' | translate }}</span></ng-template>
        <cm-field-schema-editor entity="INDIVIDUAL" />
      </mat-tab>
    </mat-tab-group>
  `,
  styleUrl: './field-schema.page.scss',
})
export class FieldSchemaPage {}
