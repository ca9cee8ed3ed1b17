import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import { AuthorizedFilesService } from '@coremis/core-web';

/**
 * An image the API serves only with the access token (an ID photo): fetched with it and shown from
 * memory. Shows a placeholder while loading or when it cannot be read.
 */
@Component({
  selector: 'cm-protected-image',
  imports: [MatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (objectUrl(); as src) {
      <img [src]="src" [alt]="alt()" />
    } @else {
      <mat-icon class="placeholder" aria-hidden="true">{{ failed() ? 'broken_image' : 'image' }}</mat-icon>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      width: 96px;
      height: 96px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container);
      overflow: hidden;
    }
    img {
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
    .placeholder {
      color: var(--mat-sys-outline);
    }
  `,
})
export class ProtectedImageComponent {
  private readonly files = inject(AuthorizedFilesService);

  readonly src = input.required<string>();
  readonly alt = input('');

  protected readonly objectUrl = signal<string | null>(null);
  protected readonly failed = signal(false);
  private request = 0;

  constructor() {
    effect(() => {
      const url = this.src();
      const request = ++this.request;
      untracked(() => {
        this.release();
        this.failed.set(false);
      });
      this.files.fetchBlob(url).then(
        ({ blob }) => {
          if (request === this.request) this.objectUrl.set(URL.createObjectURL(blob));
        },
        () => {
          if (request === this.request) this.failed.set(true);
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
