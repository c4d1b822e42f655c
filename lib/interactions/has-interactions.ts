import { prisma } from "@/lib/db/prisma";

/** Whether anything was ever captured (the list's empty state differs for a new database). */
export async function hasInteractions(): Promise<boolean> {
  return (await prisma().interaction.findFirst({ select: { seq: true } })) !== null;
}
