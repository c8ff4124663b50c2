// The main process's decisions as plain modules: menus, window state, launch requests, recent plans,
// external links, the LAN address, a clean quit. Real files in temp folders; no Electron binary.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, type NetworkInterfaceInfo } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { externalUrlToOpen } from '../../electron/external-links.js';
import { defaultRouteInterfaces, lanCandidates } from '../../electron/lan-address.js';
import { joinHashFromUrl, launchRequestFromArgv } from '../../electron/launch-request.js';
import { commandsIn, menuTemplate, readMenuCommands, type MenuItemSpec } from '../../electron/menu.js';
import { flushBeforeQuit } from '../../electron/quit-flush.js';
import { addRecentPlan, readRecentPlans, writeRecentPlans } from '../../electron/recent-plans.js';
import { fitToDisplays, readWindowState, writeWindowState } from '../../electron/window-state.js';

const folders: string[] = [];
const tempFolder = () => { const folder = mkdtempSync(path.join(tmpdir(), 'tl-shell-')); folders.push(folder); return folder; };
afterEach(() => { for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true }); });

const labels = (items: readonly MenuItemSpec[]) => items.map((item) => (item.label ?? item.role ?? '').replace(/&/g, ''));
const find = (items: readonly MenuItemSpec[], label: string): MenuItemSpec | undefined => items.find((item) => (item.label ?? '').replace(/&/g, '') === label);
/** Every item of a menu (submenus included) that performs a registry command. */
const commandItems = (items: readonly MenuItemSpec[]): MenuItemSpec[] => items.flatMap((item) => [...(item.command ? [item] : []), ...commandItems(item.submenu ?? [])]);

describe('menu template', () => {
  // What CommandRegistry.menuCommands() sends over the bridge (shape checked by menuCommandSchema).
  const commands = readMenuCommands([
    { id: 'app.allPlans', label: 'Go to all plans', menu: 'file', accelerator: null, enabled: true, reason: null },
    { id: 'file.importSpreadsheet', label: 'Import from spreadsheet…', menu: 'file', accelerator: null, enabled: false, reason: 'Viewers cannot change this plan.' },
    { id: 'file.exportCsv', label: 'Export CSV', menu: 'file', accelerator: null, enabled: true, reason: null },
    { id: 'plan.share', label: 'Share this plan…', menu: 'file', accelerator: null, enabled: true, reason: null },
    { id: 'edit.undo', label: 'Undo', menu: 'edit', accelerator: 'CmdOrCtrl+Z', enabled: true, reason: null },
    { id: 'edit.redo', label: 'Redo', menu: 'edit', accelerator: 'CmdOrCtrl+Shift+Z', enabled: true, reason: null },
    { id: 'outline.indent', label: 'Indent', menu: 'edit', accelerator: 'Tab', enabled: true, reason: null },
    { id: 'view.outline', label: 'Go to Outline', menu: 'view', accelerator: null, enabled: true, reason: null },
    { id: 'app.keyboardHelp', label: 'Keyboard shortcuts', menu: 'help', accelerator: 'Shift+/', enabled: true, reason: null },
    { id: 'evil', label: 'x', menu: 'window', accelerator: null, enabled: true, reason: null },
    'not a command',
  ]);
  const context = { appName: 'Throughline', commands, recentPlans: [{ name: 'Q3 & Q4', path: '/plans/q3.throughline' }], development: false };

  it('keeps only well-formed commands from the page', () => {
    expect(commands.map((command) => command.id)).not.toContain('evil');
    expect(commands).toHaveLength(9);
    expect(readMenuCommands({ length: 3 })).toEqual([]);
  });

  it('macOS: the app menu first with About, Hide and Quit; Window with the standard roles', () => {
    const menu = menuTemplate({ ...context, platform: 'darwin' });
    expect(labels(menu)).toEqual(['Throughline', 'File', 'Edit', 'View', 'Plan', 'Window', 'Help']);
    expect(menu[0]!.submenu!.map((item) => item.role).filter(Boolean)).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(find(menu, 'File')!.submenu!.some((item) => item.role === 'quit')).toBe(false);
    expect(find(find(menu, 'File')!.submenu!, 'Open Recent')!.role).toBe('recentDocuments');
    expect(find(menu, 'Window')!.role).toBe('windowMenu');
  });

  it('Windows and Linux: mnemonics, Exit in File, About in Help, recent plans listed by the app', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const menu = menuTemplate({ ...context, platform });
      expect(labels(menu)).toEqual(['File', 'Edit', 'View', 'Plan', 'Window', 'Help']);
      expect(menu.every((item) => item.label?.startsWith('&'))).toBe(true);
      const file = find(menu, 'File')!.submenu!;
      expect(file[file.length - 1]).toMatchObject({ role: 'quit', label: 'E&xit', accelerator: platform === 'win32' ? 'Alt+F4' : 'Ctrl+Q' });
      expect(find(file, 'Open Recent')!.submenu).toEqual([{ label: '&1 Q3 && Q4', openPath: '/plans/q3.throughline' }]);
      expect(find(menu, 'Help')!.submenu!.some((item) => item.role === 'about')).toBe(true);
      // File ▸ Open… (the native dialog) comes first, with the platform's accelerator.
      expect(file[0]).toEqual({ label: '&Open…', accelerator: 'CmdOrCtrl+O', openDialog: true });
    }
    expect(find(menuTemplate({ ...context, platform: 'darwin' }), 'File')!.submenu![0]).toEqual({ label: 'Open…', accelerator: 'CmdOrCtrl+O', openDialog: true });
  });

  it('puts each registry command in its menu (plan.* in Plan), with its availability and its shortcut', () => {
    const menu = menuTemplate({ ...context, platform: 'linux' });
    expect(commandsIn(find(menu, 'File')!.submenu!)).toEqual(['app.allPlans', 'file.importSpreadsheet', 'file.exportCsv']);
    expect(commandsIn(find(menu, 'Plan')!.submenu!)).toEqual(['plan.share']);
    expect(commandsIn(find(menu, 'Edit')!.submenu!)).toEqual(['edit.undo', 'edit.redo', 'outline.indent']);
    expect(find(find(menu, 'File')!.submenu!, 'Import from spreadsheet…')).toMatchObject({ enabled: false, toolTip: 'Viewers cannot change this plan.' });
    expect(find(find(menu, 'Edit')!.submenu!, 'Indent')).toMatchObject({ accelerator: 'Tab', registerAccelerator: false });
    expect(commandsIn(menu).sort()).toEqual(commands.map((command) => command.id).sort());
    expect(labels(find(menu, 'View')!.submenu!)).not.toContain('toggleDevTools');
    expect(labels(find(menuTemplate({ ...context, platform: 'linux', development: true }), 'View')!.submenu!)).toContain('toggleDevTools');
  });

  // The page performs every registry key and leaves a text field's keys to it: a registered accelerator
  // would take from a title being typed the key the page left alone ("?" opened the keyboard help instead).
  it('shows the registry\'s shortcuts without grabbing them: never registered on Windows and Linux, and on macOS only chords with Command, Control or Option', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const items = commandItems(menuTemplate({ ...context, platform }));
      expect(items.length).toBe(commands.length);
      for (const item of items.filter((entry) => entry.accelerator)) expect(item.registerAccelerator, item.label).toBe(false);
      expect(items.find((item) => item.command === 'app.keyboardHelp')).toMatchObject({ accelerator: 'Shift+/' });
      expect(items.find((item) => item.command === 'edit.undo')).toMatchObject({ accelerator: 'CmdOrCtrl+Z' });
    }
    const mac = commandItems(menuTemplate({ ...context, platform: 'darwin' }));
    expect(mac.find((item) => item.command === 'app.keyboardHelp')!.accelerator).toBeUndefined();
    expect(mac.find((item) => item.command === 'outline.indent')!.accelerator).toBeUndefined();
    expect(mac.find((item) => item.command === 'edit.undo')).toMatchObject({ accelerator: 'CmdOrCtrl+Z' });
    expect(mac.find((item) => item.command === 'edit.redo')).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+Z' });
  });

  // desk36 (review36b finding 3): on macOS Chromium leaves ⌘Z/⇧⌘Z to the menu's key equivalents, and a
  // disabled item swallows them. With nothing to undo in the plan, or a check-in form open, ⌘Z in a
  // text field must still reach the page, which undoes the field's typing (CommandRegistry.perform).
  it('macOS: Undo and Redo stay enabled for a focused field\'s own undo; ⌘K and ⌘↩ are disabled behind a dialog; elsewhere the plan\'s state shows', () => {
    const page = readMenuCommands([
      { id: 'edit.undo', label: 'Undo', menu: 'edit', accelerator: 'CmdOrCtrl+Z', enabled: false, reason: 'Close the open dialog first.', inTextField: true },
      { id: 'edit.redo', label: 'Redo', menu: 'edit', accelerator: 'CmdOrCtrl+Shift+Z', enabled: false, reason: 'Nothing to redo.', inTextField: true },
      { id: 'app.commandPalette', label: 'Command palette…', menu: 'view', accelerator: 'CmdOrCtrl+K', enabled: false, reason: 'Close the open dialog first.' },
      { id: 'outline.newChild', label: 'New child line', menu: 'edit', accelerator: 'CmdOrCtrl+Return', enabled: false, reason: 'Close the open dialog first.' },
    ]);
    const mac = commandItems(menuTemplate({ ...context, commands: page, platform: 'darwin' }));
    expect(mac.find((item) => item.command === 'edit.undo')).toEqual({ label: 'Undo', command: 'edit.undo', enabled: true, accelerator: 'CmdOrCtrl+Z' });
    expect(mac.find((item) => item.command === 'edit.redo')).toEqual({ label: 'Redo', command: 'edit.redo', enabled: true, accelerator: 'CmdOrCtrl+Shift+Z' });
    expect(mac.find((item) => item.command === 'app.commandPalette')).toMatchObject({ enabled: false, accelerator: 'CmdOrCtrl+K', toolTip: 'Close the open dialog first.' });
    expect(mac.find((item) => item.command === 'outline.newChild')).toMatchObject({ enabled: false, accelerator: 'CmdOrCtrl+Return' });
    for (const platform of ['linux', 'win32'] as const) {
      const items = commandItems(menuTemplate({ ...context, commands: page, platform }));
      expect(items.find((item) => item.command === 'edit.undo')).toMatchObject({ enabled: false, toolTip: 'Close the open dialog first.', registerAccelerator: false });
      expect(items.find((item) => item.command === 'edit.redo')).toMatchObject({ enabled: false, toolTip: 'Nothing to redo.' });
    }
  });
});

describe('window state', () => {
  const primary = { x: 0, y: 0, width: 1920, height: 1050 };
  const second = { x: 1920, y: 0, width: 2560, height: 1400 };

  it('survives a round trip through its file and reopens where it was', async () => {
    const file = path.join(tempFolder(), 'window-state.json');
    await writeWindowState(file, { x: 2000, y: 40, width: 1400, height: 900, maximized: true });
    expect(fitToDisplays(await readWindowState(file), [primary, second])).toEqual({ x: 2000, y: 40, width: 1400, height: 900, maximized: true });
  });

  it('a window left on a monitor that is gone opens centred on the primary display', () => {
    expect(fitToDisplays({ x: 2000, y: 40, width: 1400, height: 900, maximized: false }, [primary])).toEqual({ x: 320, y: 125, width: 1280, height: 800, maximized: false });
  });

  it('a damaged or hostile file gives the default', async () => {
    const file = path.join(tempFolder(), 'window-state.json');
    writeFileSync(file, '{"x": 1e999, "y": "a"');
    expect(fitToDisplays(await readWindowState(file), [primary])).toEqual({ x: 320, y: 125, width: 1280, height: 800, maximized: false });
    expect(fitToDisplays({ x: 0, y: 0, width: 10, height: 10, maximized: false }, [primary]).width).toBe(1280);
  });

  it('a window whose title bar would be off every display is moved onto the display it overlaps (review43b F7)', () => {
    // A monitor above the laptop's was removed: 100 px of the window still reach the laptop's screen, its title bar does not.
    expect(fitToDisplays({ x: 100, y: -700, width: 1280, height: 800, maximized: false }, [primary])).toEqual({ x: 100, y: 0, width: 1280, height: 800, maximized: false });
    // Left of the display with the title bar above the top: moved wholly onto it.
    expect(fitToDisplays({ x: -1100, y: -500, width: 1280, height: 800, maximized: false }, [primary])).toEqual({ x: 0, y: 0, width: 1280, height: 800, maximized: false });
    // Hanging off the right edge with 120 px of its title bar showing: graspable, left where the person put it.
    expect(fitToDisplays({ x: 1800, y: 40, width: 1280, height: 800, maximized: false }, [primary])).toEqual({ x: 1800, y: 40, width: 1280, height: 800, maximized: false });
  });

  it('whatever was saved and whatever displays exist, the title bar opens on a display, graspable (property)', () => {
    const rect = fc.record({ x: fc.integer({ min: -5000, max: 5000 }), y: fc.integer({ min: -5000, max: 5000 }), width: fc.integer({ min: 640, max: 4000 }), height: fc.integer({ min: 480, max: 3000 }) });
    const saved = fc.record({ x: fc.integer({ min: -8000, max: 8000 }), y: fc.integer({ min: -8000, max: 8000 }), width: fc.integer({ min: 200, max: 8000 }), height: fc.integer({ min: 150, max: 8000 }), maximized: fc.boolean() });
    fc.assert(fc.property(saved, fc.array(rect, { minLength: 1, maxLength: 3 }), (state, displays) => {
      const fitted = fitToDisplays(state, displays);
      const titleBar = { x: fitted.x, y: fitted.y, width: fitted.width, height: 32 };
      // Some display holds the title bar with 100 px to grasp, and the window is no larger than that display.
      const holding = displays.filter((area) => {
        const visible = Math.min(titleBar.x + titleBar.width, area.x + area.width) - Math.max(titleBar.x, area.x);
        return visible >= 100 && titleBar.y >= area.y && titleBar.y + titleBar.height <= area.y + area.height;
      });
      expect(holding.some((area) => fitted.width <= area.width && fitted.height <= area.height), JSON.stringify({ state, displays, fitted })).toBe(true);
    }), { numRuns: 500 });
  });
});

describe('launch requests (first launch, second instance, protocol)', () => {
  it('finds a plan file or a join link after the executable and ignores Chromium switches', () => {
    expect(launchRequestFromArgv(['/opt/Throughline/throughline', '--no-sandbox', 'plans/q3.throughline'], '/home/ana', true)).toEqual({ kind: 'open-file', path: '/home/ana/plans/q3.throughline' });
    expect(launchRequestFromArgv(['electron', '.', 'throughline://join?server=ws%3A%2F%2F192.168.1.20%3A4455&workspace=offsite&token=abc'], '/', false))
      .toEqual({ kind: 'join', hash: '#join?server=ws%3A%2F%2F192.168.1.20%3A4455&workspace=offsite&token=abc' });
    expect(launchRequestFromArgv(['electron', '.'], '/', false)).toBeNull();
    expect(launchRequestFromArgv(['/opt/Throughline/throughline', '--allow-file-access-from-files', 'notes.txt'], '/', true)).toBeNull();
  });

  it('refuses join links with other fields, missing fields, credentials or another scheme', () => {
    expect(joinHashFromUrl('throughline://join?server=ws://h:1&workspace=w&token=t&plan=p')).toBe('#join?server=ws%3A%2F%2Fh%3A1&workspace=w&token=t&plan=p');
    expect(joinHashFromUrl('throughline://join?server=ws://h:1&workspace=w&token=t&redirect=https://evil')).toBeNull();
    expect(joinHashFromUrl('throughline://join?server=ws://h:1&workspace=w')).toBeNull();
    expect(joinHashFromUrl('throughline://user:pw@join?server=ws://h:1&workspace=w&token=t')).toBeNull();
    expect(joinHashFromUrl('throughline://open?file=/etc/passwd')).toBeNull();
    expect(joinHashFromUrl('https://join?server=ws://h:1&workspace=w&token=t')).toBeNull();
  });
});

describe('recent plans', () => {
  it('most recent first, one entry per file, at most ten, kept in a file that survives damage', async () => {
    let list = addRecentPlan([], '/p/a.throughline', 1);
    list = addRecentPlan(list, '/p/b.throughline', 2);
    list = addRecentPlan(list, '/p/a.throughline', 3);
    expect(list.map((entry) => entry.name)).toEqual(['a', 'b']);
    for (let n = 0; n < 20; n++) list = addRecentPlan(list, `/p/${n}.throughline`, 10 + n);
    expect(list).toHaveLength(10);
    const file = path.join(tempFolder(), 'recent.json');
    await writeRecentPlans(file, list);
    expect(await readRecentPlans(file)).toEqual(list);
    writeFileSync(file, '[{"name": 1}]');
    expect(await readRecentPlans(file)).toEqual([]);
    writeFileSync(file, '{"name": "not a list"}');
    expect(await readRecentPlans(file)).toEqual([]);
  });

  it('a plan file with a name as long as a file name can be is listed and read back, and a bad entry drops only itself (review36b finding 8)', async () => {
    const longName = `${'Quarterly plan of the EMEA region '.repeat(7)}final`.slice(0, 243);
    let list = addRecentPlan([], '/p/a.throughline', 1);
    list = addRecentPlan(list, `/p/${longName}.throughline`, 2);
    list = addRecentPlan(list, '/p/b.throughline', 3);
    const file = path.join(tempFolder(), 'recent.json');
    await writeRecentPlans(file, list);
    expect((await readRecentPlans(file)).map((entry) => entry.name)).toEqual(['b', longName, 'a']);
    writeFileSync(file, JSON.stringify([list[0], { name: 'x', path: '', openedAt: 4 }, 'not an entry', list[2]]));
    expect((await readRecentPlans(file)).map((entry) => entry.name)).toEqual(['b', 'a']);
  });
});

describe('external links', () => {
  it('opens web and mail links only, parsed, without credentials', () => {
    expect(externalUrlToOpen('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(externalUrlToOpen('mailto:ana@example.com')).toBe('mailto:ana@example.com');
    for (const link of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'https://user:pw@example.com/', 'not a url', 'ms-msdt:/id', 'http://']) expect(externalUrlToOpen(link)).toBeNull();
  });

  // review32 finding 6: a mail link went on whole, and Thunderbird (and others) attach the local file
  // an `attach=` or `attachment=` field names, so one click on Send mailed the user's file.
  it('a mail link keeps only its addresses, subject, body, cc, bcc and to, each once and encoded again', () => {
    expect(externalUrlToOpen('mailto:ana@example.com?subject=Q3%20review&body=See%20the%20plan&cc=ben@example.com')).toBe('mailto:ana@example.com?subject=Q3%20review&body=See%20the%20plan&cc=ben%40example.com');
    expect(externalUrlToOpen('mailto:ana@example.com?subject=Hi&attach=/home/ana/.ssh/id_rsa')).toBe('mailto:ana@example.com?subject=Hi');
    for (const field of ['attach', 'attachment', 'ATTACH', 'Attachment', '%61ttach', 'attach%20', 'from', 'in-reply-to', 'x-mailer', 'body;attach']) {
      expect(externalUrlToOpen(`mailto:ana@example.com?${field}=file:///etc/passwd&body=x`)).toBe('mailto:ana@example.com?body=x');
    }
    // `+` is a plus in a mail link (RFC 6068), and a second body does not replace the first.
    expect(externalUrlToOpen('mailto:a@b.c?body=1+1&body=2&subject=a%26attach%3D%2Fx')).toBe('mailto:a@b.c?body=1%2B1&subject=a%26attach%3D%2Fx');
    // Addresses holding a query once decoded, or text that does not decode, are refused.
    for (const link of ['mailto:a@b.c%3Fattach=/etc/passwd', 'mailto:a@b.c%0D%0Aattach:x', 'mailto:a@b.c?body=%E0%A4%A', 'mailto:a@b.c?%ZZattach=x']) expect(externalUrlToOpen(link)).toBeNull();
  });

  it('whatever fields a mail link carries, what opens names no field but the five, read as a mail program reads it', () => {
    const names = fc.oneof(fc.constantFrom('to', 'cc', 'bcc', 'subject', 'body', 'attach', 'attachment', 'ATTACH', 'x-attach', 'from'), fc.string({ maxLength: 12 }));
    const encodedText = fc.string({ maxLength: 20, unit: fc.constantFrom('a', '=', '&', '?', '#', '%', '+', ' ', '/', '@', ',', 't', 'c', 'h', '%61', '%26', '%3D', '%3F', '\u00e9') });
    fc.assert(fc.property(encodedText, fc.array(fc.tuple(names, encodedText), { maxLength: 6 }), (to, pairs) => {
      const link = `mailto:${to}?${pairs.map(([name, value]) => `${name}=${value}`).join('&')}`;
      const opened = externalUrlToOpen(link);
      if (opened === null) return;
      const url = new URL(opened);
      expect(url.protocol).toBe('mailto:');
      expect(decodeURIComponent(url.pathname)).not.toContain('?');
      const fields = url.search.slice(1).split('&').filter(Boolean).map((pair) => decodeURIComponent(pair.split('=')[0]!).toLowerCase());
      for (const field of fields) expect(['to', 'cc', 'bcc', 'subject', 'body']).toContain(field);
      expect(new Set(fields).size).toBe(fields.length);
    }), { numRuns: 500 });
  });
});

describe('LAN address for workshop links', () => {
  const route = [
    'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT',
    'docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0',
    'wlp2s0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0',
    'tun0\t00000000\t0100080A\t0003\t0\t0\t50\t00000080\t0\t0\t0',
    'wlp2s0\t0001A8C0\t00000000\t0001\t0\t0\t600\t00FFFFFF\t0\t0\t0',
  ].join('\n');
  const interfaces = {
    lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true, netmask: '255.0.0.0', mac: '', cidr: null }],
    docker0: [{ address: '172.17.0.1', family: 'IPv4', internal: false, netmask: '255.255.0.0', mac: '', cidr: null }],
    tun0: [{ address: '10.8.0.6', family: 'IPv4', internal: false, netmask: '255.255.255.0', mac: '', cidr: null }],
    wlp2s0: [{ address: '192.168.1.23', family: 'IPv4', internal: false, netmask: '255.255.255.0', mac: '', cidr: null }, { address: 'fe80::1', family: 'IPv6', internal: false, netmask: '', mac: '', cidr: null, scopeid: 2 }],
  } as unknown as NodeJS.Dict<NetworkInterfaceInfo[]>;

  it('reads the default route from /proc/net/route (a VPN split route with a mask is not the default)', () => {
    expect(defaultRouteInterfaces(route)).toEqual(['wlp2s0']);
  });

  it('prefers the default-route interface, lists the others for the host to pick, never loopback', () => {
    expect(lanCandidates(interfaces, route)).toEqual([
      { interfaceName: 'wlp2s0', address: '192.168.1.23', preferred: true },
      { interfaceName: 'docker0', address: '172.17.0.1', preferred: false },
      { interfaceName: 'tun0', address: '10.8.0.6', preferred: false },
    ]);
  });

  it('without a route table, a private address on a physical-looking interface wins over bridges and tunnels', () => {
    expect(lanCandidates(interfaces, null)[0]).toEqual({ interfaceName: 'wlp2s0', address: '192.168.1.23', preferred: true });
  });

  it('on Windows (no route table) the Wi-Fi or Ethernet wins over WSL, Hyper-V, VirtualBox and VMware adapters (review43b F4)', () => {
    // Interface names as os.networkInterfaces() gives them on a Windows laptop; all private. Before, the tie
    // went to the name's order and "vEthernet (WSL)" (then "VirtualBox…", "VMware…") came before "Wi-Fi".
    const ipv4 = (address: string) => [{ address, family: 'IPv4', internal: false, netmask: '255.255.240.0', mac: '', cidr: null }] as unknown as NetworkInterfaceInfo[];
    const windows = {
      'Loopback Pseudo-Interface 1': [{ address: '127.0.0.1', family: 'IPv4', internal: true, netmask: '255.0.0.0', mac: '', cidr: null }],
      'vEthernet (WSL (Hyper-V firewall))': ipv4('172.29.160.1'),
      'vEthernet (Default Switch)': ipv4('172.20.48.1'),
      'VirtualBox Host-Only Network': ipv4('192.168.56.1'),
      'VMware Network Adapter VMnet8': ipv4('192.168.88.1'),
      'Wi-Fi': ipv4('192.168.1.40'),
    } as unknown as NodeJS.Dict<NetworkInterfaceInfo[]>;
    const candidates = lanCandidates(windows, null);
    expect(candidates[0]).toEqual({ interfaceName: 'Wi-Fi', address: '192.168.1.40', preferred: true });
    expect(candidates).toHaveLength(5);
    // A wired "Ethernet" is not mistaken for a virtual adapter, and wins over them too.
    const wired = lanCandidates({ ...windows, 'Wi-Fi': undefined, Ethernet: ipv4('10.0.0.12') }, null);
    expect(wired[0]).toEqual({ interfaceName: 'Ethernet', address: '10.0.0.12', preferred: true });
  });
});

describe('clean quit', () => {
  it('waits for every window to flush its local storage', async () => {
    const order: string[] = [];
    const outcome = await flushBeforeQuit([
      { flush: () => new Promise((resolve) => setTimeout(() => { order.push('a'); resolve(); }, 20)) },
      { flush: () => Promise.reject(new Error('closed')) },
    ], 5_000, (ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    expect(outcome).toEqual({ flushed: 1, failed: 1, timedOut: false });
    expect(order).toEqual(['a']);
  });

  it('a hung page cannot keep the app from quitting', async () => {
    const outcome = await flushBeforeQuit([{ flush: () => new Promise<void>(() => undefined) }], 50, (ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    expect(outcome).toEqual({ flushed: 0, failed: 0, timedOut: true });
  });
});
