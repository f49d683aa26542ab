import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './projectRoot';

describe('projectRoot', () => {
  it('is the folder of the package.json that declares the cryptota command', () => {
    const pkg = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { bin?: Record<string, string> };
    expect(pkg.bin?.cryptota).toBe('./bin/cryptota.mjs');
    expect(existsSync(join(projectRoot(), 'resources', 'sample'))).toBe(true);
  });
});
