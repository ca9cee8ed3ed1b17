import type { WebModuleDefinition } from '@coremis/core-web/app';
import { geoWebDefinition } from '@coremis/geo-web';
import { registryWebDefinition } from '@coremis/registry-web';
import { programsWebDefinition } from '@coremis/programs-web';
import { targetingWebDefinition } from '@coremis/targeting-web';
import { paymentWebDefinition } from '@coremis/payment-web';
import { intakeWebDefinition } from '@coremis/intake-web';
import { grmWebDefinition } from '@coremis/grm-web';

/**
 * The modules this web build ships, listed once: their routes, translations and approval details follow.
 * Which of them a deployment shows is decided by the API (`ENABLED_MODULES`).
 */
export const WEB_MODULES: readonly WebModuleDefinition[] = [geoWebDefinition, registryWebDefinition, programsWebDefinition, targetingWebDefinition, paymentWebDefinition, intakeWebDefinition, grmWebDefinition];
