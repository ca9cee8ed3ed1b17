import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';

@InputType()
export class UssdTextInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  en: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  fr?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  pt?: string;
}

@InputType()
export class UssdChoiceInput {
  @Field()
  @Matches(/^[A-Za-z0-9_]{1,30}$/)
  code: string;

  @Field(() => UssdTextInput)
  @ValidateNested()
  @Type(() => UssdTextInput)
  label: UssdTextInput;
}

@InputType()
export class UssdQuestionInput {
  @Field()
  @Matches(/^[a-z][a-zA-Z0-9_]{0,39}$/)
  key: string;

  @Field(() => UssdTextInput)
  @ValidateNested()
  @Type(() => UssdTextInput)
  label: UssdTextInput;

  @Field({ description: 'NUMBER, YESNO or CHOICE.' })
  @IsIn(['NUMBER', 'YESNO', 'CHOICE'])
  type: 'NUMBER' | 'YESNO' | 'CHOICE';

  @Field(() => [UssdChoiceInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(9)
  @ValidateNested({ each: true })
  @Type(() => UssdChoiceInput)
  choices?: UssdChoiceInput[];
}

@InputType()
export class SaveUssdFlowInput {
  @Field({ description: 'The programme code in the callback URL /api/intake/ussd/<code>.' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/)
  programCode: string;

  @Field(() => UssdTextInput)
  @ValidateNested()
  @Type(() => UssdTextInput)
  title: UssdTextInput;

  @Field(() => ID, { description: 'Applicants choose their area among this area\'s descendants.' })
  @IsUUID()
  rootAreaId: string;

  @Field(() => [UssdQuestionInput])
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => UssdQuestionInput)
  questions: UssdQuestionInput[];

  @Field({ defaultValue: true })
  @IsBoolean()
  active: boolean;
}
