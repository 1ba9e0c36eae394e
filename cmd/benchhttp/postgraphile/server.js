// PostGraphile v4 over Karta's PostgreSQL tables, the baseline of
// `make bench-http`: node server.js DATABASE_URL PORT
// Relation filters (postgraphile-plugin-connection-filter) make query (c),
// process groups by an information system's name, expressible.
const http = require("http");
const { postgraphile } = require("postgraphile");
const ConnectionFilterPlugin = require("postgraphile-plugin-connection-filter");
// graphile-utils comes with postgraphile (same lockfile).
const { makeJSONPgSmartTagsPlugin } = require("graphile-utils");

// removals.node_id would be PostGraphile's "nodeId" field, which every type
// already has: give it another name.
const RenameRemovalNodeId = makeJSONPgSmartTagsPlugin({
  version: 1,
  config: { class: { removals: { attribute: { node_id: { tags: { name: "removedNodeId" } } } } } },
});

const [databaseURL, port] = process.argv.slice(2);
http
  .createServer(
    postgraphile(databaseURL, "public", {
      appendPlugins: [ConnectionFilterPlugin, RenameRemovalNodeId],
      graphileBuildOptions: { connectionFilterRelations: true },
      disableQueryLog: true,
      graphiql: false,
      retryOnInitFail: false,
    }),
  )
  .listen(Number(port), "127.0.0.1");
