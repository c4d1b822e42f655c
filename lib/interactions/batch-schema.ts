import { z } from "zod";
import { SecretsRedactedSchema } from "@/lib/redactions/schema";

// The batch capture resource (POST /api/interactions/batch), beside schema.ts: each item
// is validated later, one by one, with captureBodySchema(), so one bad item refuses only itself.

export const MAX_BATCH_ITEMS = 500;

export const BatchBodySchema = z.strictObject(
  {
    interactions: z
      .array(z.unknown(), { error: "interactions must be an array" })
      .max(MAX_BATCH_ITEMS, `interactions has more than ${MAX_BATCH_ITEMS} items`),
  },
  { error: (iss) => (iss.code === "invalid_type" ? "body must be a JSON object" : undefined) },
);

const ItemErrorSchema = z.strictObject({
  code: z.string(),
  message: z.string(),
  issues: z
    .array(z.strictObject({ path: z.array(z.union([z.string(), z.number()])), message: z.string(), code: z.string().optional() }))
    .optional(),
});

export const BatchItemResultSchema = z.strictObject({
  index: z.number().int().nonnegative(),
  status: z.enum(["created", "duplicate", "error"]),
  /** The stored id; for a refused item, the id it carried, if any. */
  id: z.string().nullable(),
  error: ItemErrorSchema.optional(),
  secrets_redacted: SecretsRedactedSchema.optional(),
});
export type BatchItemResult = z.infer<typeof BatchItemResultSchema>;

export const BatchResultSchema = z.strictObject({ results: z.array(BatchItemResultSchema) });
export type BatchResult = z.infer<typeof BatchResultSchema>;
