/** Colours and type of the canvas: the app's calm theme, and a high-contrast one for projectors. */
export interface CanvasTheme {
  name: 'standard' | 'presentation';
  background: string;
  card: string;
  cardBorder: string;
  text: string;
  muted: string;
  link: string;
  accent: string;
  subtreeTint: string;
  /** Health colours by rank: on track, at risk, off track. */
  health: readonly [string, string, string];
  healthSoft: readonly [string, string, string];
  valid: string;
  refused: string;
  titleFont: string;
  smallFont: string;
  titleLines: number;
  block: string;
}

const font = '"Inter", "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif';

export const standardTheme: CanvasTheme = {
  name: 'standard',
  background: '#f4f5f8',
  card: '#ffffff',
  cardBorder: '#cdd2dc',
  text: '#1b2233',
  muted: '#5b6477',
  link: '#b4bbc8',
  accent: '#2f5bd3',
  subtreeTint: '#e8eefc',
  health: ['#1f8f5f', '#c98400', '#cf3f3f'],
  healthSoft: ['#e3f4ec', '#fdf3dc', '#fbe7e7'],
  valid: '#1f8f5f',
  refused: '#cf3f3f',
  titleFont: `600 14px ${font}`,
  smallFont: `500 11px ${font}`,
  titleLines: 2,
  block: 'rgba(91, 100, 119, 0.07)',
};

/** Presentation: black ground, white type, saturated health colours, one large title line. */
export const presentationTheme: CanvasTheme = {
  name: 'presentation',
  background: '#000000',
  card: '#0d0d0d',
  cardBorder: '#ffffff',
  text: '#ffffff',
  muted: '#e6e6e6',
  link: '#9a9a9a',
  accent: '#5fb3ff',
  subtreeTint: '#0b2740',
  health: ['#3ddc84', '#ffc233', '#ff5c5c'],
  healthSoft: ['#0f3320', '#3a2c00', '#3d1010'],
  valid: '#3ddc84',
  refused: '#ff5c5c',
  titleFont: `700 18px ${font}`,
  smallFont: `600 13px ${font}`,
  titleLines: 2,
  block: 'rgba(255, 255, 255, 0.08)',
};

export const healthNames = ['on track', 'at risk', 'off track'] as const;
