"use server";

import { revalidatePath } from "next/cache";
import { startFullVerification } from "@/lib/audit/verify-job";

/** Starts a full verification in the background; /audit shows its progress. */
export async function verifyWholeChain() {
  startFullVerification();
  revalidatePath("/audit");
}
