import { getJestProjectsAsync } from '@nx/jest';

// `npx jest` at the root runs every project's specs; `nx run <project>:test` runs one project.
export default async () => ({
  projects: await getJestProjectsAsync(),
});
