import { Field, ObjectType } from '@nestjs/graphql';
import { Connection, GraphQLJSON } from '@coremis/core';
import { Connector } from '../entities/connector.entity';

@ObjectType('IntakeConnectorConnection')
export class ConnectorConnection extends Connection(Connector) {}

@ObjectType('IntakeMappingPreviewRow')
export class MappingPreviewRow {
  @Field()
  instanceId: string;

  @Field(() => String, { nullable: true })
  submittedAt: string | null;

  @Field(() => GraphQLJSON, { description: 'The staged household and members.' })
  data: unknown;

  @Field(() => GraphQLJSON, { description: 'The checks that fail: [{ field, code }].' })
  issues: unknown;
}

@ObjectType('IntakeMappingPreview')
export class MappingPreview {
  @Field(() => [String], { description: 'Form paths seen in the latest submissions (repeat group fields under their group).' })
  paths: string[];

  @Field(() => [String], { description: 'Paths of repeat groups.' })
  repeatPaths: string[];

  @Field(() => [MappingPreviewRow])
  rows: MappingPreviewRow[];
}
