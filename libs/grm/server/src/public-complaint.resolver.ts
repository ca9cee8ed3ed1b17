import { Args, Field, ID, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { invalidField, PublicOperation, RateLimiterService, RequestContext } from '@coremis/core';
import { DataSource } from 'typeorm';
import { FollowTicketArgs, PublicComplaintInput } from './dto/ticket.inputs';
import { PublicComplaintReceipt, PublicTicketView } from './dto/ticket.models';
import { ReporterKind, TicketChannel } from './entities/ticket.entity';
import { limitPublicCaller } from './public-rate-limit';
import { hashSecret, newReference, newSecret, TicketService } from './ticket.service';

/** Submissions per client address and hour on the public form. */
export const PUBLIC_FORM_RATE_PER_HOUR = 10;
/** Follow-up look-ups per client address and hour (guessing a secret is rate-limited too). */
export const PUBLIC_FOLLOW_RATE_PER_HOUR = 60;

@ObjectType()
export class PublicOption {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true, description: "Areas: the name of their level, as the deployment names it (the form's label)." })
  levelName?: string | null;
}

/** The public complaint form and follow-up: no login, rate-limited per client address. */
@Resolver()
export class PublicComplaintResolver {
  constructor(
    private readonly tickets: TicketService,
    private readonly rateLimiter: RateLimiterService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Query(() => [PublicOption], { description: 'Categories offered on the public form (top level and sub-categories).' })
  @PublicOperation()
  async grmPublicCategories(): Promise<PublicOption[]> {
    return this.dataSource.query(
      `SELECT c.id, CASE WHEN p.id IS NULL THEN c.name ELSE p.name || ' › ' || c.name END AS name
         FROM grm.category c LEFT JOIN grm.category p ON p.id = c.parent_id ORDER BY 2`,
    );
  }

  @Query(() => [PublicOption], { description: 'Areas under a parent (top level without one), in the request language.' })
  @PublicOperation()
  async grmPublicAreas(@Args('parentId', { type: () => ID, nullable: true }) parentId?: string): Promise<PublicOption[]> {
    const lang = RequestContext.current()?.lang ?? 'en';
    const name = (alias: string) => (lang === 'fr' ? `coalesce(${alias}.name_fr, ${alias}.name_en)` : lang === 'pt' ? `coalesce(${alias}.name_pt, ${alias}.name_en)` : `${alias}.name_en`);
    if (parentId && !/^[0-9a-f-]{36}$/i.test(parentId)) throw invalidField('parentId', 'grm.errors.areaNotFound');
    return this.dataSource.query(
      `SELECT a.id, ${name('a')} AS name, ${name('l')} AS "levelName"
         FROM geo.admin_area a JOIN geo.admin_level l ON l.id = a.level_id
        WHERE a.is_active AND a.parent_id IS NOT DISTINCT FROM $1 ORDER BY 2 LIMIT 500`,
      [parentId ?? null],
    );
  }

  @Mutation(() => PublicComplaintReceipt)
  @PublicOperation()
  async submitPublicComplaint(@Args('input') input: PublicComplaintInput): Promise<PublicComplaintReceipt> {
    await this.limit('grm-public-form', PUBLIC_FORM_RATE_PER_HOUR);
    const reference = newReference();
    const secret = newSecret();
    const anonymous = !!input.anonymous || (!input.name && !input.phone);
    // no actor: the area and links are checked without a user's scope
    await this.tickets.create({
      channel: TicketChannel.PUBLIC_FORM,
      categoryId: input.categoryId,
      areaId: input.areaId,
      description: input.description,
      reporterKind: anonymous ? ReporterKind.ANONYMOUS : ReporterKind.REGISTERED_PERSON,
      reporterName: input.name,
      reporterPhone: input.phone,
      reference,
      secretHash: hashSecret(reference, secret),
    });
    return { reference, secret };
  }

  @Query(() => PublicTicketView, { nullable: true, description: 'Null when the reference and secret do not match.' })
  @PublicOperation()
  async followGrmTicket(@Args() args: FollowTicketArgs): Promise<PublicTicketView | null> {
    await this.limit('grm-public-follow', PUBLIC_FOLLOW_RATE_PER_HOUR, 'grm.errors.tooManyLookups');
    return this.tickets.follow(args.reference, args.secret);
  }

  private limit(bucket: string, perHour: number, messageKey?: string): Promise<void> {
    return limitPublicCaller(this.rateLimiter, bucket, perHour, messageKey);
  }

}
