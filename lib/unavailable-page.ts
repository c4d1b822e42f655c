/**
 * The page a viewer gets when the database cannot answer (503): the proxy sends it when the
 * sign-in check finds the database unreachable, so a reviewer sees why instead of a bare 500.
 * Self-contained HTML (the app's styles and scripts may not be servable either); it reloads
 * itself, so the page comes back on its own once the database does. No request text in it.
 */
export function unavailablePage(): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="15"><title>Database unavailable · atocore-audit</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:0;padding:4rem 1rem;text-align:center;color:#18181b;background:#fff}
p{color:#52525b}code{font-size:13px}a{color:#0369a1}@media (prefers-color-scheme:dark){body{color:#f4f4f5;background:#09090b}p{color:#a1a1aa}a{color:#38bdf8}}</style>
</head><body><main>
<p><code>503</code></p>
<h1>The database is unavailable</h1>
<p>atocore-audit cannot reach its database right now. Nothing already recorded is lost.<br>
This page tries again every 15 seconds; <a href="">try again now</a>.</p>
</main></body></html>
`;
  return new Response(html, {
    status: 503,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "retry-after": "15" },
  });
}
