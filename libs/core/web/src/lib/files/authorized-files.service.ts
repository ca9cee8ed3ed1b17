import { DOCUMENT, inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { LanguageService } from '../i18n/language.service';

/** A step of an upload: bytes sent so far, then the server's answer. */
export type UploadEvent<T> =
  | { readonly type: 'progress'; readonly loaded: number; readonly total: number }
  | { readonly type: 'done'; readonly body: T };

/**
 * A failed file transfer. `message` is the server's own text (already in the interface language)
 * when it sent one; otherwise `messageKey` names a translated description.
 */
export class FileTransferError extends Error {
  constructor(
    readonly status: number,
    readonly serverMessage: string | null,
    readonly messageKey: string,
  ) {
    super(serverMessage ?? messageKey);
  }
}

/**
 * File transfers outside GraphQL (the REST endpoints of uploads, reports and photos), sent like the
 * GraphQL requests: with the signed-in user's access token and the interface language. An expired
 * token is refreshed and the transfer retried once.
 */
@Injectable({ providedIn: 'root' })
export class AuthorizedFilesService {
  private readonly auth = inject(AuthService);
  private readonly language = inject(LanguageService);
  private readonly document = inject(DOCUMENT);

  /**
   * Sends a file as the raw body of a POST, reporting the bytes sent (XMLHttpRequest: fetch cannot
   * report upload progress). Unsubscribing aborts the transfer.
   */
  upload<T>(url: string, file: Blob, contentType = 'application/octet-stream'): Observable<UploadEvent<T>> {
    return new Observable<UploadEvent<T>>((subscriber) => {
      let request: XMLHttpRequest | null = null;
      let finished = false;

      const send = (token: string | null, retried: boolean) => {
        const xhr = new XMLHttpRequest();
        request = xhr;
        xhr.open('POST', url);
        xhr.setRequestHeader('content-type', contentType);
        xhr.setRequestHeader('x-lang', this.language.current());
        if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
        xhr.upload.onprogress = (event) =>
          subscriber.next({ type: 'progress', loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
        xhr.onerror = () => subscriber.error(new FileTransferError(0, null, 'core.errors.network'));
        xhr.onload = () => {
          if (xhr.status === 401 && !retried) {
            this.auth.recoverAccess(token).then(
              (next) => (next && next !== token ? send(next, true) : subscriber.error(transferError(xhr.status, xhr.responseText))),
              (error: unknown) => subscriber.error(error),
            );
            return;
          }
          if (xhr.status < 200 || xhr.status >= 300) {
            subscriber.error(transferError(xhr.status, xhr.responseText));
            return;
          }
          finished = true;
          try {
            subscriber.next({ type: 'done', body: JSON.parse(xhr.responseText) as T });
            subscriber.complete();
          } catch {
            subscriber.error(new FileTransferError(xhr.status, null, 'core.errors.unexpectedResponse'));
          }
        };
        xhr.send(file);
      };

      this.auth.accessTokenForRequest().then(
        (token) => {
          if (!subscriber.closed) send(token, false);
        },
        (error: unknown) => subscriber.error(error),
      );
      return () => {
        if (!finished) request?.abort();
      };
    });
  }

  /** Downloads a protected file (e.g. an error report, a photo). */
  async fetchBlob(url: string): Promise<{ blob: Blob; fileName: string | null }> {
    let token = await this.auth.accessTokenForRequest();
    let response = await this.get(url, token);
    if (response.status === 401) {
      const next = await this.auth.recoverAccess(token);
      if (next && next !== token) {
        token = next;
        response = await this.get(url, token);
      }
    }
    if (!response.ok) throw transferError(response.status, await response.text().catch(() => ''));
    return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('content-disposition')) };
  }

  /** Downloads a protected file and hands it to the browser as a saved file. */
  async save(url: string, fallbackName: string): Promise<void> {
    const { blob, fileName } = await this.fetchBlob(url);
    const link = this.document.createElement('a');
    const objectUrl = URL.createObjectURL(blob);
    link.href = objectUrl;
    link.download = fileName ?? fallbackName;
    link.style.display = 'none';
    this.document.body.appendChild(link);
    link.click();
    link.remove();
    // give the browser time to start the download before the data goes
    setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
  }

  private get(url: string, token: string | null): Promise<Response> {
    const headers: Record<string, string> = { 'x-lang': this.language.current() };
    if (token) headers['authorization'] = `Bearer ${token}`;
    return fetch(url, { headers }).catch(() => {
      throw new FileTransferError(0, null, 'core.errors.network');
    });
  }
}

function transferError(status: number, body: string): FileTransferError {
  let message: string | null = null;
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string' && parsed.message.trim()) message = parsed.message;
  } catch {
    // not JSON: a proxy's error page
  }
  const key = status === 0 || (status >= 502 && status <= 504) ? 'core.errors.network' : 'core.errors.server';
  return new FileTransferError(status, message, key);
}

function fileNameOf(disposition: string | null): string | null {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
  return match ? decodeURIComponent(match[1]) : null;
}
