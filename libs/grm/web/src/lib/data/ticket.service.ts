import { inject, Injectable } from '@angular/core';
import { AuthorizedFilesService, GRAPHQL, resultData } from '@coremis/core-web';
import { filter, firstValueFrom, map } from 'rxjs';
import {
  GRM_ASSIGN,
  GRM_CATEGORIES,
  GRM_COMMENT,
  GRM_DETAIL_QUERY,
  GRM_FOLLOW,
  GRM_LIST_QUERY,
  GRM_PUBLIC_OPTIONS,
  GRM_SAVE_CATEGORY,
  GRM_SUBMIT,
  GRM_TRANSITION,
  type GrmCategory,
  type PublicComplaintInput,
  type PublicTicketView,
  type SaveCategoryInput,
  type Ticket,
  type TicketDetail,
  type TicketFilter,
  type TicketStatus,
} from './ticket.queries';

export const GRM_PAGE_SIZE = 50;

export interface TicketPage {
  readonly rows: readonly (Ticket & { category?: { name: string } | null })[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

/** Tickets, categories and the public form, through the CoreMIS API. */
@Injectable({ providedIn: 'root' })
export class TicketService {
  private readonly apollo = inject(GRAPHQL);
  private readonly files = inject(AuthorizedFilesService);

  /** Attaches a photo or a PDF to a ticket (staff); resolves when stored. */
  attach(ticketId: string, file: File): Promise<unknown> {
    const url = `/api/grm/tickets/${encodeURIComponent(ticketId)}/attachments?name=${encodeURIComponent(file.name)}`;
    return firstValueFrom(this.files.upload(url, file).pipe(filter((event) => event.type === 'done'), map((event) => event.body)));
  }

  /** Opens an attachment with the signed-in user's rights (downloaded, then saved under its name). */
  download(attachmentId: string, name: string): Promise<void> {
    return this.files.save(`/api/grm/attachments/${encodeURIComponent(attachmentId)}`, name);
  }

  /** The reporter attaches a file with the receipt's reference and secret (no sign-in); the server's message on refusal. */
  async attachAsReporter(reference: string, secret: string, file: File, lang: string): Promise<void> {
    const response = await fetch(`/api/grm/public/tickets/${encodeURIComponent(reference)}/attachments?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      body: file,
      headers: { 'content-type': 'application/octet-stream', 'x-ticket-secret': secret, 'x-lang': lang },
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { message?: string } | null;
      throw new Error(body?.message ?? `HTTP ${response.status}`);
    }
  }

  async list(filter: TicketFilter, after: string | null = null): Promise<TicketPage> {
    const result = await firstValueFrom(this.apollo.query({ query: GRM_LIST_QUERY, variables: { first: GRM_PAGE_SIZE, after, filter }, fetchPolicy: 'network-only' }));
    const connection = resultData(result).tickets;
    return {
      rows: connection.edges.map((edge) => edge.node),
      totalCount: connection.totalCount,
      hasNextPage: connection.pageInfo.hasNextPage,
      endCursor: connection.pageInfo.endCursor,
    };
  }

  async get(id: string): Promise<TicketDetail | null> {
    const result = await firstValueFrom(this.apollo.query({ query: GRM_DETAIL_QUERY, variables: { id }, fetchPolicy: 'network-only' }));
    return resultData(result).ticket ?? null;
  }

  async transition(id: string, version: number, status: TicketStatus, note?: string): Promise<void> {
    resultData(await firstValueFrom(this.apollo.mutate({ mutation: GRM_TRANSITION, variables: { input: { id, version, status, note } } })));
  }

  async assign(id: string, assigneeId: string | null): Promise<void> {
    resultData(await firstValueFrom(this.apollo.mutate({ mutation: GRM_ASSIGN, variables: { input: { id, assigneeId } } })));
  }

  async comment(id: string, body: string, internal: boolean): Promise<void> {
    resultData(await firstValueFrom(this.apollo.mutate({ mutation: GRM_COMMENT, variables: { input: { id, body, internal } } })));
  }

  async categories(): Promise<readonly GrmCategory[]> {
    return resultData(await firstValueFrom(this.apollo.query({ query: GRM_CATEGORIES, fetchPolicy: 'network-only' }))).grmCategories;
  }

  async saveCategory(input: SaveCategoryInput): Promise<void> {
    resultData(await firstValueFrom(this.apollo.mutate({ mutation: GRM_SAVE_CATEGORY, variables: { input } })));
  }

  async publicOptions(parentId: string | null) {
    return resultData(await firstValueFrom(this.apollo.query({ query: GRM_PUBLIC_OPTIONS, variables: { parentId }, fetchPolicy: 'network-only' })));
  }

  async submit(input: PublicComplaintInput): Promise<{ reference: string; secret: string }> {
    return resultData(await firstValueFrom(this.apollo.mutate({ mutation: GRM_SUBMIT, variables: { input } }))).submitPublicComplaint;
  }

  async follow(reference: string, secret: string): Promise<PublicTicketView | null> {
    return resultData(await firstValueFrom(this.apollo.query({ query: GRM_FOLLOW, variables: { reference, secret }, fetchPolicy: 'network-only' }))).followGrmTicket ?? null;
  }
}
