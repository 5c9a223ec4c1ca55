import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Network-namespace tests share the machine's network state; keep files from racing each other.
    fileParallelism: false,
    testTimeout: 30_000,
  },
});
