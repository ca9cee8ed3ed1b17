import { registerEnumType } from '@nestjs/graphql';

export enum Sex {
  F = 'F',
  M = 'M',
}

export enum Relationship {
  HEAD = 'HEAD',
  SPOUSE = 'SPOUSE',
  SON = 'SON',
  DAUGHTER = 'DAUGHTER',
  PARENT = 'PARENT',
  GRANDCHILD = 'GRANDCHILD',
  OTHER_RELATIVE = 'OTHER_RELATIVE',
  NON_RELATIVE = 'NON_RELATIVE',
}

export enum RecipientRole {
  PRIMARY = 'PRIMARY',
  ALTERNATE = 'ALTERNATE',
}

export enum HouseholdStatus {
  ACTIVE = 'ACTIVE',
  INACTIVE = 'INACTIVE',
  EXITED = 'EXITED',
}

export enum IndividualStatus {
  ACTIVE = 'ACTIVE',
  DECEASED = 'DECEASED',
  MERGED = 'MERGED',
}

export enum RegistrationSource {
  WEB = 'WEB',
  IMPORT = 'IMPORT',
  FIELD = 'FIELD',
  DEMO = 'DEMO',
}

registerEnumType(Sex, { name: 'Sex' });
registerEnumType(Relationship, { name: 'Relationship' });
registerEnumType(RecipientRole, { name: 'RecipientRole' });
registerEnumType(HouseholdStatus, { name: 'HouseholdStatus' });
registerEnumType(IndividualStatus, { name: 'IndividualStatus' });
registerEnumType(RegistrationSource, { name: 'RegistrationSource' });

/** Controlled vocabularies of the dwelling and person fields: the inputs of a proxy-means test must be comparable. */
export const VOCABULARY = {
  wallMaterial: ['mud', 'brick', 'cement', 'wood', 'iron_sheet', 'other'],
  roofMaterial: ['thatch', 'iron_sheet', 'tiles', 'concrete', 'other'],
  floorMaterial: ['earth', 'cement', 'tiles', 'wood', 'other'],
  waterSource: ['piped', 'public_tap', 'borehole', 'protected_well', 'unprotected_well', 'surface_water', 'other'],
  sanitation: ['flush', 'pit_latrine', 'shared_latrine', 'open_defecation', 'other'],
  lighting: ['electricity', 'solar', 'kerosene', 'candle', 'none', 'other'],
  cookingFuel: ['firewood', 'charcoal', 'gas', 'electricity', 'other'],
  assets: ['radio', 'phone', 'bicycle', 'tv', 'fridge', 'motorcycle', 'livestock'],
  maritalStatus: ['SINGLE', 'MARRIED', 'DIVORCED', 'WIDOWED', 'SEPARATED'],
  disability: ['NONE', 'SEEING', 'HEARING', 'MOBILITY', 'COGNITION', 'SELF_CARE', 'COMMUNICATION'],
  education: ['NONE', 'PRIMARY', 'SECONDARY', 'TERTIARY', 'VOCATIONAL'],
  documentType: ['NATIONAL_ID', 'BIRTH_CERTIFICATE', 'PASSPORT', 'VOTER_CARD', 'DRIVING_LICENCE', 'REFUGEE_ID', 'OTHER'],
} as const;

export type VocabularyName = keyof typeof VOCABULARY;

export const PHONE_PATTERN = /^\+?[0-9]{6,15}$/;
