import { getJestProjectsAsync } from '@nx/jest';

// `npx jest` at the root runs every project's specs; `nx run <project>:test` runs one project.
// testTimeout is a global option: project configs cannot set it when run through `projects`.
export default async () => ({
  projects: await getJestProjectsAsync(),
  testTimeout: 60000,
});
