// The typed client for agents written in TypeScript or JavaScript. Self-contained: copy
// this folder into another project and it works (it imports nothing outside it).
export { AuditClient, type ClientOptions } from "./client";
export { BufferedRecorder, type BufferOptions } from "./buffered-recorder";
export { AuditApiError, AuditNetworkError, isRetryable } from "./errors";
export type * from "./types";
