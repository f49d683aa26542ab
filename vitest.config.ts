import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests start real servers (PostgreSQL, a Kafka-protocol broker, Chromium);
    // forks keep native modules and child processes isolated per file.
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
