// The list's relative time windows (`range=24h`: since now minus 24 hours, evaluated per
// request). A module of its own so the browser-side filter controls can import it.
export const RANGE_PRESETS = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 } as const;
export type RangePreset = keyof typeof RANGE_PRESETS;
