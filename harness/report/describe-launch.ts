import type { LaunchSetting } from '../model/result.js';

const commandSettings = ['build', 'server', 'client'] as const;

// One sentence on how a submission was started: its commands with their origin, then any other
// setting that did not come from sockgrade's defaults or the rubric (undefined when none is known).
export function describeLaunch(settings: readonly LaunchSetting[] | undefined): string | undefined {
  if (settings === undefined || settings.length === 0) return undefined;
  const byName = new Map(settings.map((s) => [s.setting, s]));
  const commands = commandSettings.flatMap((name) => {
    const setting = byName.get(name);
    return setting?.value === undefined ? [] : [`${name} "${setting.value}" (${setting.from})`];
  });
  const quit = byName.get('commands.quit');
  // How clients were ended, where the run had any of the student's clients.
  const quitText = !byName.has('client')
    ? []
    : [quit?.value === undefined ? 'quit by closing input, then Ctrl-C' : `quit with "${quit.value}" (${quit.from})`];
  const own = settings
    .filter((s) => !(commandSettings as readonly string[]).includes(s.setting) && s.setting !== 'commands.quit')
    .filter((s) => s.from !== 'the default' && s.from !== 'the rubric');
  const grouped = [...new Set(own.map((s) => s.from))].map(
    (from) =>
      `${own
        .filter((s) => s.from === from)
        .map((s) => s.setting)
        .join(', ')} from ${from}`,
  );
  return [...commands, ...quitText, ...grouped].join('; ');
}
