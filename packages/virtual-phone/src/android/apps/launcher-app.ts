// Home screen (grid of app icons) and the recents screen, both owned by the launcher package.
import type { Element } from '../ui/element';
import { rect } from '../ui/element';
import { drawGlyph } from '../ui/glyphs';
import { COLORS } from '../ui/theme';
import { drawTextLine, type Ui } from '../ui/widgets';
import type { AppDefinition, Page } from './app';

export const LAUNCHER_PACKAGE = 'com.google.android.apps.nexuslauncher';

function appIcon(ui: Ui, r: [number, number, number, number], app: AppDefinition, label: string, onTap: () => void, labelColor: string): Element {
  const size = ui.dp(56);
  return {
    className: 'android.widget.TextView', bounds: r, text: label, contentDesc: label, clickable: true, onTap,
    paint: (g, el) => {
      const cx = (el.bounds[0] + el.bounds[2]) / 2, top = el.bounds[1] + ui.dp(8);
      g.fillStyle = app.icon.color;
      g.beginPath(); g.arc(cx, top + size / 2, size / 2, 0, Math.PI * 2); g.fill();
      const iconR: [number, number, number, number] = [cx - size / 2, top, cx + size / 2, top + size];
      if (app.icon.glyph) drawGlyph(g, app.icon.glyph, iconR, '#ffffff');
      else drawTextLine(g, app.icon.letter, iconR, ui.dp(26), '#ffffff', 'center', true);
      drawTextLine(g, label, [el.bounds[0], top + size + ui.dp(4), el.bounds[2], el.bounds[3]], ui.dp(13), labelColor, 'center', false, ui.dp(2));
    },
  };
}

function home(ui: Ui): Element[] {
  const apps = ui.host.installedApps().filter((a) => a.packageName !== LAUNCHER_PACKAGE);
  const cols = ui.width > ui.bottom - ui.top ? 6 : 4;
  const cellW = Math.floor(ui.width / cols), cellH = ui.dp(100);
  const top = ui.top + ui.dp(96);
  const bg: Element = {
    className: 'android.view.View', bounds: ui.area, decorative: true,
    paint: (g, el) => {
      const grad = g.createLinearGradient(0, el.bounds[1], 0, el.bounds[3]);
      grad.addColorStop(0, COLORS.launcherTop); grad.addColorStop(1, COLORS.launcherBottom);
      g.fillStyle = grad; g.fillRect(el.bounds[0], el.bounds[1], el.bounds[2] - el.bounds[0], el.bounds[3] - el.bounds[1]);
    },
  };
  const icons = apps.map((app, i) => {
    const r = rect(ui.left + (i % cols) * cellW, top + Math.floor(i / cols) * cellH, cellW, cellH);
    return appIcon(ui, r, app, ui.t(app.labelKey), () => ui.host.launch(app.packageName), '#ffffff');
  });
  return [bg, {
    className: 'android.view.ViewGroup', bounds: ui.area, resourceId: `${LAUNCHER_PACKAGE}:id/workspace`, children: icons,
  }];
}

function recents(ui: Ui): Element[] {
  const byPkg = new Map(ui.host.installedApps().map((a) => [a.packageName, a]));
  const recent = ui.host.recentPackages().map((p) => byPkg.get(p)).filter((a): a is AppDefinition => !!a);
  const bar = ui.topBar(ui.t('recents.title'));
  const out: Element[] = [ui.background(COLORS.surfaceHigh), bar.el];
  if (!recent.length) {
    out.push(ui.text(ui.band(bar.bottom + ui.dp(24), ui.dp(48)), ui.t('recents.empty'), { align: 'center', color: COLORS.textSecondary, id: 'empty_message' }));
    return out;
  }
  const clearH = ui.dp(48);
  const listR: [number, number, number, number] = [ui.left, bar.bottom, ui.right, ui.bottom - clearH - ui.dp(16)];
  out.push(ui.list(listR, 'recents', recent.map((app) => ({
    height: ui.dp(96),
    build: (r) => ui.group([r[0] + ui.dp(16), r[1] + ui.dp(8), r[2] - ui.dp(16), r[3] - ui.dp(8)], [
      ui.text([r[0] + ui.dp(32), r[1] + ui.dp(8), r[2] - ui.dp(32), r[3] - ui.dp(8)], ui.t(app.labelKey), { size: 18, id: 'task_title' }),
    ], { className: 'android.widget.FrameLayout', id: 'task', desc: ui.t(app.labelKey), background: COLORS.background, radius: 16, onTap: () => ui.host.launch(app.packageName) }),
  })), { id: 'recents_view', gap: 0, padding: 8 }));
  const w = ui.dp(160);
  out.push(ui.button(rect((ui.left + ui.right - w) / 2, ui.bottom - clearH - ui.dp(8), w, clearH), ui.t('recents.clear'), () => ui.host.clearRecents(), { id: 'clear_all', style: 'tonal' }));
  return out;
}

export const launcherApp: AppDefinition = {
  packageName: LAUNCHER_PACKAGE,
  activity: `${LAUNCHER_PACKAGE}.NexusLauncherActivity`,
  labelKey: 'app.launcher',
  system: true,
  versionName: '14-11309017',
  icon: { color: '#4285f4', letter: 'P' },
  rootPage: { name: 'home' },
  activityFor: (page: Page) => (page.name === 'recents' ? 'com.android.quickstep.RecentsActivity' : `${LAUNCHER_PACKAGE}.NexusLauncherActivity`),
  build: (ui, page) => (page.name === 'recents' ? recents(ui) : home(ui)),
};
