import { chooseHeap } from '../../src/cli/heap';

const MB = 2 ** 20;
// Node's default on a 64-bit machine with plenty of memory, and a 24 GB machine.
const defaults = { maxMemoryMB: undefined, execArgv: [], nodeOptions: undefined, heapLimitBytes: 4144 * MB, memoryBytes: 24 * 1024 * MB };

describe('the heap the embedded graph runs with', () => {
  it('stays in the process when the files to load fit Node\'s default heap with room to spare', () => {
    // 10^6 edges of the generated social graph: 43 MB of CSV.
    expect(chooseHeap({ ...defaults, loadBytes: 43 * MB }).relaunchMB).toBeUndefined();
  });

  it('relaunches with 3/4 of the machine\'s memory for files that would not fit', () => {
    // 10^7 edges: 466 MB of CSV, about 4 GB of heap once loaded.
    expect(chooseHeap({ ...defaults, loadBytes: 466 * MB }).relaunchMB).toBe(18432);
  });

  it('takes --max-memory over both the default and NODE_OPTIONS, whatever the files', () => {
    expect(chooseHeap({ ...defaults, loadBytes: 0, maxMemoryMB: 300 }).relaunchMB).toBe(300);
    expect(chooseHeap({ ...defaults, loadBytes: 0, maxMemoryMB: 300, nodeOptions: '--max-old-space-size=128' }).relaunchMB).toBe(300);
  });

  it('leaves a limit set in NODE_OPTIONS alone, and never relaunches a process started with a limit', () => {
    expect(chooseHeap({ ...defaults, loadBytes: 466 * MB, nodeOptions: '--max-old-space-size=14000' }).relaunchMB).toBeUndefined();
    expect(chooseHeap({ ...defaults, loadBytes: 466 * MB, maxMemoryMB: 300, execArgv: ['--max-old-space-size=300'] }).relaunchMB).toBeUndefined();
  });

  it('does not relaunch on a machine with no more memory than the default heap', () => {
    expect(chooseHeap({ ...defaults, loadBytes: 466 * MB, heapLimitBytes: 2048 * MB, memoryBytes: 2048 * MB }).relaunchMB).toBeUndefined();
  });
});
