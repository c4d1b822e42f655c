import Link from "next/link";

export default function SessionNotFound() {
  return (
    <section className="space-y-2">
      <h1 className="text-lg font-semibold">No such session</h1>
      <p className="text-sm">No interaction carries this session id.</p>
      <Link href="/sessions" className="text-sm text-sky-700 hover:underline dark:text-sky-400">
        Back to the sessions
      </Link>
    </section>
  );
}
