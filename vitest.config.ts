import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // The JSON report is what .ci/run counts; the default reporter is for people.
    reporters: ["default", ["json", { outputFile: "test-artifacts/vitest-report.json" }]],
    globalSetup: ["test/setup/global.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "suite",
          include: ["test/**/*.test.ts"],
          exclude: ["test/audit/**"],
          // Every road in every test logs at verbosity 5 to one file, for the audit below.
          setupFiles: ["test/setup/suite-log.ts"],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "audit",
          include: ["test/audit/**/*.test.ts"],
          // Runs after the whole suite: reads what the suite logged.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
