import { coreDefinition, type CoreMisModuleDefinition } from '@coremis/core';
import { geoDefinition } from '@coremis/geo';
import { registryDefinition } from '@coremis/registry';
import { programsDefinition } from '@coremis/programs';
import { targetingDefinition } from '@coremis/targeting';
import { paymentDefinition } from '@coremis/payment';
import { intakeDefinition } from '@coremis/intake';
import { grmDefinition } from '@coremis/grm';

/** Every module this build of CoreMIS ships, in dependency order; a deployment enables a subset (ENABLED_MODULES). */
export const MODULE_CATALOGUE: readonly CoreMisModuleDefinition[] = [coreDefinition, geoDefinition, registryDefinition, grmDefinition, intakeDefinition, programsDefinition, paymentDefinition, targetingDefinition];
