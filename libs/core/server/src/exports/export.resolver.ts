import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AuthenticatedOperation } from '../access/require-permissions.decorator';
import { hasPermissions } from '../access/access-policy';
import { RequestContext } from '../context/request-context';
import { Job } from '../queue/job.entity';
import { StartExportInput } from './export.inputs';
import { ExportService } from './export.service';
import { ExportRegistry } from './exportable-list';

@Resolver()
export class ExportResolver {
  constructor(
    private readonly exports: ExportService,
    private readonly registry: ExportRegistry,
  ) {}

  @Mutation(() => Job, {
    description: 'Exports the rows of a list under the given filter to a CSV or XLSX file, in a background job (follow it with job(id); its result names the file, downloaded from GET /api/exports/<job id>). Needs the list\'s permission; the rows are those of the list in the caller\'s areas.',
  })
  @AuthenticatedOperation()
  startExport(@Args('input') input: StartExportInput): Promise<Job> {
    return this.exports.start(input.list, input.format, input.filter ?? {});
  }

  @Query(() => [String], { description: 'The lists the caller may export.' })
  @AuthenticatedOperation()
  exportableLists(): string[] {
    const actor = RequestContext.actor();
    return this.registry.names().filter((name) => hasPermissions(actor, [this.registry.get(name)!.permission]));
  }
}
