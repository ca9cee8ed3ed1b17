import { FormControl, FormGroup, Validators } from '@angular/forms';
import { Dwelling, DwellingInput } from '../data/registry.queries';

/** The coded dwelling fields, in the order of a proxy-means test questionnaire. */
export const DWELLING_CODED_FIELDS = ['wallMaterial', 'roofMaterial', 'floorMaterial', 'waterSource', 'sanitation', 'lighting', 'cookingFuel'] as const;
export type DwellingCodedField = (typeof DWELLING_CODED_FIELDS)[number];

export type DwellingFormGroup = FormGroup<{
  address: FormControl<string>;
  latitude: FormControl<number | null>;
  longitude: FormControl<number | null>;
  rooms: FormControl<number | null>;
  wallMaterial: FormControl<string | null>;
  roofMaterial: FormControl<string | null>;
  floorMaterial: FormControl<string | null>;
  waterSource: FormControl<string | null>;
  sanitation: FormControl<string | null>;
  lighting: FormControl<string | null>;
  cookingFuel: FormControl<string | null>;
  assets: FormControl<string[]>;
}>;

export function dwellingFormGroup(dwelling?: Dwelling | null): DwellingFormGroup {
  const coded = (name: DwellingCodedField) => new FormControl<string | null>(dwelling?.[name] ?? null);
  return new FormGroup({
    address: new FormControl(dwelling?.address ?? '', { nonNullable: true, validators: Validators.maxLength(500) }),
    latitude: new FormControl<number | null>(dwelling?.latitude ?? null, [Validators.min(-90), Validators.max(90)]),
    longitude: new FormControl<number | null>(dwelling?.longitude ?? null, [Validators.min(-180), Validators.max(180)]),
    rooms: new FormControl<number | null>(dwelling?.rooms ?? null, [Validators.min(0), Validators.max(50), Validators.pattern(/^\d+$/)]),
    wallMaterial: coded('wallMaterial'),
    roofMaterial: coded('roofMaterial'),
    floorMaterial: coded('floorMaterial'),
    waterSource: coded('waterSource'),
    sanitation: coded('sanitation'),
    lighting: coded('lighting'),
    cookingFuel: coded('cookingFuel'),
    assets: new FormControl<string[]>([...(dwelling?.assets ?? [])], { nonNullable: true }),
  });
}

export function dwellingInput(group: DwellingFormGroup): DwellingInput {
  const value = group.getRawValue();
  return { ...value, address: value.address.trim() || null };
}
