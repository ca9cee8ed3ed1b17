import { Field, ObjectType } from '@nestjs/graphql';
import { Connection } from '@coremis/core';
import { DuplicateCandidate } from '../entities/duplicate-candidate.entity';
import { Household } from '../entities/household.entity';
import { Individual } from '../entities/individual.entity';

@ObjectType()
export class HouseholdConnection extends Connection(Household) {}

@ObjectType()
export class IndividualConnection extends Connection(Individual) {}

@ObjectType()
export class DuplicateCandidateConnection extends Connection(DuplicateCandidate) {}

@ObjectType({ description: 'The values a field accepts.' })
export class VocabularyEntry {
  @Field()
  name: string;

  @Field(() => [String])
  values: string[];
}
