import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDirFromLaunch, isScenarioFileName, scenarioFileInArgv } from '../../../main/shell/launch-args.js';

const cwd = path.resolve('/home/ana/work');
const dev = ['/opt/electron/electron', '/repo/dist/shell/main.cjs'];

describe('--data-dir and RESERVOIR_DATA_DIR in the desktop app', () => {
  it('takes --data-dir DIR and --data-dir=DIR, resolved against the launching folder', () => {
    expect(dataDirFromLaunch([...dev, '--data-dir', 'store'], {}, cwd)).toEqual({ ok: true, dataDir: path.join(cwd, 'store') });
    expect(dataDirFromLaunch([...dev, '--data-dir=/tmp/r'], {}, cwd)).toEqual({ ok: true, dataDir: path.resolve('/tmp/r') });
    // Packaged: no script argument; Chromium's own switches are left alone.
    expect(dataDirFromLaunch(['Reservoir.exe', '--original-process-start-time=1', '--data-dir', 'D'], {}, cwd)).toEqual({ ok: true, dataDir: path.join(cwd, 'D') });
  });

  it('--data-dir wins over RESERVOIR_DATA_DIR, which wins over the default (null: Electron userData)', () => {
    expect(dataDirFromLaunch([...dev, '--data-dir', '/a'], { RESERVOIR_DATA_DIR: '/b' }, cwd)).toEqual({ ok: true, dataDir: path.resolve('/a') });
    expect(dataDirFromLaunch(dev, { RESERVOIR_DATA_DIR: 'rel' }, cwd)).toEqual({ ok: true, dataDir: path.join(cwd, 'rel') });
    expect(dataDirFromLaunch(dev, { RESERVOIR_DATA_DIR: '' }, cwd)).toEqual({ ok: true, dataDir: null });
    expect(dataDirFromLaunch(dev, {}, cwd)).toEqual({ ok: true, dataDir: null });
  });

  it.each([[[...dev, '--data-dir']], [[...dev, '--data-dir', '--inspect']], [[...dev, '--data-dir=']], [[...dev, '--data-dir', '']]])('refuses a missing folder: %j', (argv) => {
    expect(dataDirFromLaunch(argv, { RESERVOIR_DATA_DIR: '/b' }, cwd)).toEqual({ ok: false, problem: '--data-dir needs a folder: --data-dir DIR' });
  });
});

describe('a scenario file on the command line (Windows and Linux double-click, a second launch)', () => {
  it('finds the .reservoir.json argument, absolute', () => {
    expect(scenarioFileInArgv(['Reservoir.exe', 'C:/Users/ana/Goldman.reservoir.json'], cwd)).toBe(path.resolve(cwd, 'C:/Users/ana/Goldman.reservoir.json'));
    expect(scenarioFileInArgv([...dev, 'plans/QE.RESERVOIR.JSON'], cwd)).toBe(path.join(cwd, 'plans/QE.RESERVOIR.JSON'));
    expect(scenarioFileInArgv(['Reservoir', 'a.reservoir.json', 'b.reservoir.json'], cwd)).toBe(path.join(cwd, 'b.reservoir.json'));
  });

  it('ignores everything else', () => {
    expect(scenarioFileInArgv(dev, cwd)).toBeNull();
    expect(scenarioFileInArgv(['Reservoir', 'plain.json', 'x.csv', '--flag=a.reservoir.json'], cwd)).toBeNull();
    expect(scenarioFileInArgv(['Reservoir', '--data-dir', 'weird.reservoir.json'], cwd)).toBeNull();
    expect(scenarioFileInArgv(['Reservoir', '.reservoir.json'], cwd)).toBeNull();
    expect(isScenarioFileName('/x/.reservoir.json')).toBe(false);
    expect(isScenarioFileName('/x/a.reservoir.json')).toBe(true);
  });
});
