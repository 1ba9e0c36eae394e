// A minimal typed client for Karta: POST an operation from generated/graphql.ts
// and get its result typed. Copy it into your app and adjust ENDPOINT. It is
// type-checked by `make check-types`, so it stays in step with the schema.
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { EntityPageDocument, IntegrationListDocument } from '../generated/graphql';
import type { EntityPageQuery, IntegrationListQuery, IntegrationStatus } from '../generated/graphql';

const ENDPOINT = 'http://localhost:8080/graphql';

/** One entry of the response's errors; extensions.code is one of the codes in README.md. */
export interface KartaGraphQLError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

export class KartaError extends Error {
  constructor(
    readonly status: number,
    readonly errors: KartaGraphQLError[],
  ) {
    super(errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; '));
  }
}

/** Runs a typed operation; throws KartaError on any error (partial data is not used here). */
export async function request<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
): Promise<TData> {
  const res = await fetch(ENDPOINT, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query: print(document), variables }),
    signal,
  });
  const body = (await res.json()) as { data?: TData | null; errors?: KartaGraphQLError[] };
  if (body.errors?.length || body.data == null) {
    throw new KartaError(res.status, body.errors ?? [{ message: `HTTP ${res.status}` }]);
  }
  return body.data;
}

type EntityNode = Extract<NonNullable<EntityPageQuery['node']>, { __typename: 'Entity' }>;

/** The entity page: node(id:) answers any Node, so narrow on __typename. */
export async function loadEntity(id: string): Promise<EntityNode> {
  const { node } = await request(EntityPageDocument, { entity: id });
  if (node?.__typename !== 'Entity') {
    throw new Error(`${id} is not an entity`);
  }
  return node;
}

/** "Министерство … › Карта … › Сфера › Сущность": the breadcrumb as text. */
export function crumbs(entity: EntityNode): string {
  return entity.breadcrumb.map((c) => c.name).join(' › ');
}

/** Every integration with a status, page by page (Relay cursors). */
export async function allIntegrations(status: IntegrationStatus): Promise<string[]> {
  const out: string[] = [];
  let after: string | null = null;
  for (;;) {
    const { integrations }: IntegrationListQuery = await request(IntegrationListDocument, {
      first: 100,
      after,
      where: { status },
    });
    for (const edge of integrations.edges ?? []) {
      if (edge?.node) out.push(edge.node.dataText ?? edge.node.id);
    }
    if (!integrations.pageInfo.hasNextPage) return out;
    after = integrations.pageInfo.endCursor;
  }
}
