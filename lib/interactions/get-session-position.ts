import { prisma } from "@/lib/db/prisma";
import { NotFoundError } from "@/lib/errors";
import { storedId } from "@/lib/interactions/stored-id";
import { interactionWhere, newerThan, olderThan } from "@/lib/interactions/where";

export type SessionPosition = {
  session_id: string;
  /** 1-based place of the interaction in its session, oldest first. */
  turn: number;
  turns: number;
  previous_id: string | null;
  next_id: string | null;
};

/** Where an interaction sits in its session; null when it has no session. Index-backed. */
export async function getSessionPosition(id: string): Promise<SessionPosition | null> {
  const row = await prisma().interaction.findUnique({ where: { id: storedId(id) }, select: { seq: true, created_at: true, session_id: true } });
  if (!row) throw new NotFoundError(`No interaction with id ${id}`);
  if (!row.session_id) return null;
  const session = interactionWhere({ session_id: row.session_id });
  const here = { createdAt: row.created_at.getTime(), seq: row.seq };
  const [turns, before, previous, next] = await Promise.all([
    prisma().interaction.count({ where: session }),
    prisma().interaction.count({ where: { AND: [session, olderThan(here)] } }),
    prisma().interaction.findFirst({
      where: { AND: [session, olderThan(here)] },
      orderBy: [{ created_at: "desc" }, { seq: "desc" }],
      select: { id: true },
    }),
    prisma().interaction.findFirst({
      where: { AND: [session, newerThan(here)] },
      orderBy: [{ created_at: "asc" }, { seq: "asc" }],
      select: { id: true },
    }),
  ]);
  return { session_id: row.session_id, turn: before + 1, turns, previous_id: previous?.id ?? null, next_id: next?.id ?? null };
}
