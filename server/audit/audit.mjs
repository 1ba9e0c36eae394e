// Runs the graphql-http audit suite (GraphQL over HTTP spec) against a
// running server: node audit.mjs http://127.0.0.1:8080/graphql
// Prints every result; exits 1 on any MUST (error) or SHOULD (warn) failure.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint URL>');
  process.exit(2);
}
// One audit at a time: graphql-http's auditServer starts all of them at
// once from one client, and a server busy with something else would then
// answer some with 429 (the per-client concurrency limit, which the fault
// suite tests on its own): a flaky audit of the limit, not of the protocol.
const results = [];
for (const { fn } of serverAudits({ url })) {
  results.push(await fn());
}
const count = { ok: 0, notice: 0, warn: 0, error: 0 };
for (const r of results) {
  count[r.status]++;
  const line = `${r.status.padEnd(6)} ${r.id} ${r.name}`;
  console.log(r.status === 'ok' ? line : `${line}\n       ${r.reason}`);
}
console.log(`graphql-http audit: ${count.ok} ok, ${count.error} MUST failures, ${count.warn} SHOULD failures, ${count.notice} MAY notices`);
process.exit(count.error + count.warn > 0 ? 1 : 0);
