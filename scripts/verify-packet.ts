// `npm run verify-packet -- FILE [--head HASH]`: checks an audit packet offline (the rule is in
// lib/packet/verify-packet.ts). Exit code 0 intact, 1 broken (each problem named on stderr),
// 2 the file cannot be read or is not a packet.
import { readFileSync } from "node:fs";
import { UnreadablePacketError, verifyPacket } from "@/lib/packet/verify-packet";

const USAGE = "usage: npm run verify-packet -- FILE [--head HASH]";

function args(argv: string[]): { file: string; head?: string } {
  const rest = [...argv];
  const at = rest.indexOf("--head");
  let head: string | undefined;
  if (at >= 0) {
    head = rest[at + 1];
    if (!head || !/^[0-9a-fA-F]{64}$/.test(head)) throw new UnreadablePacketError(`--head needs a 64-hex-digit hash\n${USAGE}`);
    rest.splice(at, 2);
  }
  if (rest.length !== 1) throw new UnreadablePacketError(USAGE);
  return { file: rest[0], head };
}

try {
  const { file, head } = args(process.argv.slice(2));
  let html: string;
  try {
    html = readFileSync(file, "utf8");
  } catch (err) {
    throw new UnreadablePacketError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const report = verifyPacket(html, head);
  console.log(JSON.stringify(report, null, 2));
  if (report.status === "intact") {
    console.error(`\nINTACT: session ${report.session_id}, ${report.turns} turns, ${report.links_checked} links to head ${report.head ? `${report.head.seq} ${report.head.hash}` : "(none)"}${head ? " (the given head)" : " (no --head given: compare the head with the server's)"}`);
    process.exit(0);
  }
  console.error(`\nBROKEN: session ${report.session_id}`);
  for (const p of report.problems) console.error(`  ${p.where}: ${p.message}`);
  process.exit(1);
} catch (err) {
  console.error(`verify-packet: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}
