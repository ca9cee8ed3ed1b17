import type { Actor } from '../context/request-context';
import { canSeeJob } from './job.service';

const actor = (userId: string, permissions: string[], areaPaths: string[] | null): Actor => ({ userId, username: userId, sessionId: null, roles: [], permissions: new Set(permissions), areaPaths });

describe('canSeeJob', () => {
  const northJob = { createdBy: 'owner', creatorAreaPaths: ['/c/north/'] };
  const systemJob = { createdBy: null, creatorAreaPaths: null };

  it('shows a job to its owner, whatever their permissions', () => {
    expect(canSeeJob(northJob, actor('owner', [], ['/c/north/']))).toBe(true);
  });

  it('shows other people’s jobs only with core.jobs.viewAll (or *) and areas covering the creator’s', () => {
    expect(canSeeJob(northJob, actor('peer', ['core.jobs.view'], ['/c/north/']))).toBe(false);
    expect(canSeeJob(northJob, actor('watcher', ['core.jobs.viewAll'], ['/c/north/']))).toBe(true);
    expect(canSeeJob(northJob, actor('watcher', ['core.jobs.viewAll'], ['/c/']))).toBe(true);
    expect(canSeeJob(northJob, actor('watcher', ['core.jobs.viewAll'], ['/c/south/']))).toBe(false);
    expect(canSeeJob(northJob, actor('watcher', ['core.jobs.viewAll'], ['/c/north/district/']))).toBe(false);
    expect(canSeeJob(northJob, actor('admin', ['*'], null))).toBe(true);
    expect(canSeeJob({ createdBy: 'owner', creatorAreaPaths: ['/c/north/', '/c/south/'] }, actor('watcher', ['core.jobs.viewAll'], ['/c/north/']))).toBe(false);
  });

  it('keeps jobs of unrestricted creators and of the system to unrestricted watchers', () => {
    expect(canSeeJob(systemJob, actor('watcher', ['core.jobs.viewAll'], ['/c/']))).toBe(false);
    expect(canSeeJob(systemJob, actor('watcher', ['core.jobs.viewAll'], null))).toBe(true);
    expect(canSeeJob(systemJob, null)).toBe(false);
  });
});
