import { Injectable } from '@nestjs/common';
import { SecretVault } from '@coremis/core';
import type { Connector } from '../entities/connector.entity';
import { intakeConfig } from '../intake-config';
import { ConnectorKind } from '../intake-vocabulary';
import { KoboClient } from './kobo.client';
import { OdkCentralClient } from './odk-central.client';
import type { SubmissionSourceClient } from './submission-source';

/** Opens the adapter of a connector with its secret (unsealed only here, never returned). */
@Injectable()
export class SourceFactory {
  constructor(private readonly vault: SecretVault) {}

  open(connector: Connector, membersPath = connector.mapping?.membersPath ?? null): SubmissionSourceClient {
    const config = intakeConfig();
    const http = { timeoutMs: config.httpTimeoutMs, attempts: config.httpAttempts };
    const secret = this.vault.open(connector.secretSealed!);
    if (connector.kind === ConnectorKind.KOBO) return new KoboClient(connector.serverUrl, connector.formId, secret, http, config.maxAttachmentBytes);
    return new OdkCentralClient(connector.serverUrl, connector.projectId ?? '', connector.formId, connector.username ?? '', secret, membersPath ? [membersPath] : [], http, config.maxAttachmentBytes);
  }
}
