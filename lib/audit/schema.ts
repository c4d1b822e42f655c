import { z } from "zod";

/** GET /api/audit/verify: `scope=full` (default) recomputes every link, `incremental` those since the checkpoint. */
export const VerifyQuerySchema = z.strictObject({ scope: z.enum(["full", "incremental"]).default("full") });
export type VerifyQuery = z.output<typeof VerifyQuerySchema>;
