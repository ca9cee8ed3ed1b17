import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class MenuEntry {
  @Field()
  path: string;

  @Field()
  labelKey: string;

  @Field()
  icon: string;

  @Field(() => String, { nullable: true })
  permission?: string;
}

@ObjectType()
export class EnabledModule {
  @Field()
  key: string;

  @Field(() => [String])
  dependsOn: string[];

  @Field(() => [MenuEntry])
  menu: MenuEntry[];
}
