import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import { AuthorizedFilesService } from '@coremis/core-web';

/**
 * A person's ID photo. The API serves it only with the access token, so it is downloaded with it and
 * shown from memory (an object URL, released when the photo changes or leaves the page). Without a
 * photo, or when it cannot be read, a silhouette stands in.
 */
@Component({
  selector: 'cm-person-photo',
  imports: [MatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.large]': 'size() === "large"', '[attr.data-state]': 'state()' },
  template: `
    @if (objectUrl(); as src) {
      <img [src]="src" [alt]="alt()" />
    } @else {
      <mat-icon class="placeholder" [attr.aria-label]="alt() || null" [attr.aria-hidden]="alt() ? null : 'true'">
        {{ state() === 'failed' ? 'broken_image' : 'person' }}
      </mat-icon>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex: none;
      align-items: center;
      justify-content: center;
      width: 40px;
      height: 40px;
      border-radius: 50%;
      background: var(--mat-sys-surface-container-high);
      overflow: hidden;
      vertical-align: middle;
    }
    :host(.large) {
      width: 144px;
      height: 144px;
      border-radius: var(--mat-sys-corner-large);
    }
    img {
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
    .placeholder {
      color: var(--mat-sys-outline);
    }
    :host(.large) .placeholder {
      width: 72px;
      height: 72px;
      font-size: 72px;
    }
  `,
})
export class PersonPhotoComponent {
  private readonly files = inject(AuthorizedFilesService);

  /** Where the API serves the photo; null when the person has none. */
  readonly url = input<string | null>(null);
  readonly alt = input('');
  readonly size = input<'small' | 'large'>('small');

  protected readonly objectUrl = signal<string | null>(null);
  protected readonly state = signal<'none' | 'loading' | 'shown' | 'failed'>('none');
  private request = 0;

  constructor() {
    effect(() => {
      const url = this.url();
      const request = ++this.request;
      untracked(() => {
        this.release();
        this.state.set(url ? 'loading' : 'none');
      });
      if (!url) return;
      this.files.fetchBlob(url).then(
        ({ blob }) => {
          if (request !== this.request) return;
          this.objectUrl.set(URL.createObjectURL(blob));
          this.state.set('shown');
        },
        () => {
          if (request === this.request) this.state.set('failed');
        },
      );
    });
    inject(DestroyRef).onDestroy(() => {
      this.request++;
      this.release();
    });
  }

  private release(): void {
    const current = this.objectUrl();
    if (current) URL.revokeObjectURL(current);
    this.objectUrl.set(null);
  }
}
