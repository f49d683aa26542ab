import { describe, expect, it } from 'vitest';
import { commands } from './registry';

describe('CLI registry', () => {
  it('loads each command on demand under the name and summary it lists', async () => {
    for (const entry of commands) {
      const cmd = await entry.load();
      expect(cmd.name, entry.name).toBe(entry.name);
      expect(cmd.summary, entry.name).toBe(entry.summary);
      expect(cmd.help.length, entry.name).toBeGreaterThan(0);
    }
  });

  it('is sorted by name, each name once', () => {
    const names = commands.map((c) => c.name);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
  });
});
