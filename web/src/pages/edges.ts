/** edges unwraps a Relay connection's nodes, skipping nulls. */
export function edges<T>(c: { edges?: ({ node?: T | null } | null)[] | null } | null | undefined): T[] {
  return (c?.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
}
