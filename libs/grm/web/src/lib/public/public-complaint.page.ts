import { ChangeDetectionStrategy, Component, effect, inject, resource, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { ActivatedRoute } from '@angular/router';
import { DateTimePipe, ErrorBannerComponent, LanguageService } from '@coremis/core-web';
import { TranslatePipe } from '@ngx-translate/core';
import type { PublicTicketView } from '../data/ticket.queries';
import { TicketService } from '../data/ticket.service';

/**
 * The public complaint form and the follow-up, without signing in, sized for a phone. What the
 * reporter writes is sent and shown as text (interpolation), never as HTML.
 */
@Component({
  selector: 'cm-grm-public-complaint-page',
  imports: [DateTimePipe, FormsModule, MatButton, MatButtonToggleGroup, MatButtonToggle, MatCheckbox, MatFormField, MatHint, MatLabel, MatInput, MatSelect, MatOption, TranslatePipe, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './public-complaint.page.html',
  styleUrl: './public-complaint.page.scss',
})
export class PublicComplaintPage {
  private readonly service = inject(TicketService);
  protected readonly language = inject(LanguageService);
  protected readonly mode = signal<'submit' | 'follow'>(inject(ActivatedRoute).snapshot.data['mode'] ?? 'submit');

  protected readonly province = signal<string | null>(null);
  protected readonly options = resource({ params: () => ({ lang: this.language.current() }), loader: () => this.service.publicOptions(null) });
  protected readonly districts = resource({ params: () => ({ parent: this.province(), lang: this.language.current() }), loader: ({ params }) => (params.parent ? this.service.publicOptions(params.parent) : Promise.resolve(null)) });

  protected categoryId = '';
  protected districtId = '';
  protected description = '';
  protected name = '';
  protected phone = '';
  protected anonymous = false;
  protected reference = '';
  protected secret = '';

  protected readonly busy = signal(false);
  protected readonly error = signal<unknown>(null);
  protected readonly receipt = signal<{ reference: string; secret: string } | null>(null);
  /** The photo or document chosen on the form, sent once the complaint has its reference. */
  protected readonly file = signal<File | null>(null);
  protected readonly attachmentFailure = signal<string | null>(null);
  protected readonly followed = signal<PublicTicketView | null | undefined>(undefined);

  constructor() {
    effect(() => {
      this.province();
      this.districtId = '';
    });
  }

  protected async submit(): Promise<void> {
    const areaId = this.districtId || this.province();
    if (!this.categoryId || !areaId || !this.description.trim()) return;
    await this.run(async () => {
      const receipt = await this.service.submit({
        categoryId: this.categoryId,
        areaId,
        description: this.description,
        name: this.anonymous ? undefined : this.name.trim() || undefined,
        phone: this.anonymous ? undefined : this.phone.trim() || undefined,
        anonymous: this.anonymous,
      });
      const file = this.file();
      if (file) {
        // the complaint is registered whatever happens to its file: a refused file is said on the receipt
        await this.service.attachAsReporter(receipt.reference, receipt.secret, file, this.language.current()).catch((error: unknown) => this.attachmentFailure.set(error instanceof Error ? error.message : String(error)));
      }
      this.receipt.set(receipt);
      this.reference = receipt.reference;
      this.secret = receipt.secret;
    });
  }

  protected choose(picker: HTMLInputElement): void {
    this.file.set(picker.files?.[0] ?? null);
  }

  protected async follow(): Promise<void> {
    await this.run(async () => this.followed.set(await this.service.follow(this.reference.trim().toUpperCase(), this.secret.trim().toUpperCase())));
  }

  protected switchTo(mode: 'submit' | 'follow'): void {
    this.mode.set(mode);
    this.error.set(null);
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
    } catch (error) {
      this.error.set(error);
    } finally {
      this.busy.set(false);
    }
  }
}
