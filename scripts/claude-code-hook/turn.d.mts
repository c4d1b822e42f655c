export declare const CLIENT: "claude-code";
export declare function text(v: unknown): string;
export declare function promptTurn(
  payload: Record<string, unknown>,
  configuredProject: string,
  fallbackCwd?: string,
): { prompt: string; client: "claude-code"; session_id: string; project: string } | null;
