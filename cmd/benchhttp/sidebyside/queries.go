// Package sidebyside holds the four queries of the performance issue
// written three ways that return the same data — Karta's GraphQL,
// PostGraphile v4's GraphQL over the same tables (aliased to Karta's field
// names) and one hand-written SQL statement — for make bench-http and for
// the Go benchmarks of package graph.
package sidebyside

// sideBySide is one of the four queries written three ways that
// return the same data: Karta's GraphQL, PostGraphile v4's GraphQL over the
// same tables (aliased to Karta's field names) and one hand-written SQL
// statement. Lists are ordered by primary key everywhere (Karta's default).
type Query struct {
	Name         string
	Karta        string
	PostGraphile string
	SQL          string
	// SQLArgs are the variables passed to SQL as $1, $2, …
	SQLArgs []string
	// Vars builds the variables with lookup, which returns the ID of the
	// first node of a Karta root connection field matching a where literal
	// (IDs differ between databases). Karta's and PostGraphile's variables.
	Vars func(lookup Lookup) (karta, postgraphile map[string]any, err error)
}

// Lookup returns the ID of the first node of a Karta root connection field
// matching a GraphQL where literal.
type Lookup func(field, where string) (string, error)

// Queries are (a)–(d) of the issue.
var Queries = []Query{
	{
		Name: "a-ministry-tree",
		Karta: `query A { ministries(first: 10) { totalCount edges { node { name
  spheres(first: 10) { totalCount edges { node { name
    entities(first: 20) { totalCount edges { node { name
      attributes(first: 20) { totalCount edges { node { name } } } } } } } } } } } } }`,
		PostGraphile: `query A { ministries: allMinistries(first: 10, orderBy: PRIMARY_KEY_ASC) { totalCount nodes { name
  spheres: spheresByMinistrySpheres(first: 10, orderBy: PRIMARY_KEY_ASC) { totalCount nodes { name
    entities: entitiesBySphereEntities(first: 20, orderBy: PRIMARY_KEY_ASC) { totalCount nodes { name
      attributes: attributesByEntityAttributes(first: 20, orderBy: PRIMARY_KEY_ASC) { totalCount nodes { name } } } } } } } } }`,
		SQL: `SELECT json_build_object('ministries', json_build_object(
  'totalCount', (SELECT count(*) FROM ministries),
  'nodes', COALESCE((SELECT json_agg(json_build_object('name', m.name, 'spheres', json_build_object(
    'totalCount', (SELECT count(*) FROM spheres x WHERE x.ministry_spheres = m.id),
    'nodes', COALESCE((SELECT json_agg(json_build_object('name', s.name, 'entities', json_build_object(
      'totalCount', (SELECT count(*) FROM entities x WHERE x.sphere_entities = s.id),
      'nodes', COALESCE((SELECT json_agg(json_build_object('name', e.name, 'attributes', json_build_object(
        'totalCount', (SELECT count(*) FROM attributes x WHERE x.entity_attributes = e.id),
        'nodes', COALESCE((SELECT json_agg(json_build_object('name', a.name) ORDER BY a.id)
          FROM (SELECT id, name FROM attributes WHERE entity_attributes = e.id ORDER BY id LIMIT 20) a), '[]')))
        ORDER BY e.id) FROM (SELECT id, name FROM entities WHERE sphere_entities = s.id ORDER BY id LIMIT 20) e), '[]')))
      ORDER BY s.id) FROM (SELECT id, name FROM spheres WHERE ministry_spheres = m.id ORDER BY id LIMIT 10) s), '[]')))
    ORDER BY m.id) FROM (SELECT id, name FROM ministries ORDER BY id LIMIT 10) m), '[]')))`,
		Vars: noVars,
	},
	{
		Name: "b-process-group-page",
		Karta: `query B($id: ID!) { node(id: $id) { ... on ProcessGroup { code name
  processes(first: 50) { totalCount edges { node { name } } }
  informationSystems(first: 50) { totalCount edges { node { name } } }
  services(first: 50) { totalCount edges { node { name } } }
  entities(first: 50) { totalCount edges { node { name } } } } } }`,
		PostGraphile: `query B($id: BigInt!) { node: processGroupById(id: $id) { code name
  processes: processesByProcessGroupProcesses(first: 50, orderBy: PRIMARY_KEY_ASC) { totalCount nodes { name } }
  informationSystems: processGroupInformationSystemsByProcessGroupId(first: 50, orderBy: PRIMARY_KEY_ASC) { totalCount nodes { node: informationSystemByInformationSystemId { name } } }
  services: processGroupServicesByProcessGroupId(first: 50, orderBy: PRIMARY_KEY_ASC) { totalCount nodes { node: serviceByServiceId { name } } }
  entities: processGroupEntitiesByProcessGroupId(first: 50, orderBy: PRIMARY_KEY_ASC) { totalCount nodes { node: entityByEntityId { name } } } } }`,
		SQL: `SELECT json_build_object('node', (SELECT json_build_object('code', g.code, 'name', g.name,
  'processes', json_build_object('totalCount', (SELECT count(*) FROM processes WHERE process_group_processes = g.id),
    'nodes', COALESCE((SELECT json_agg(json_build_object('name', p.name) ORDER BY p.id)
      FROM (SELECT id, name FROM processes WHERE process_group_processes = g.id ORDER BY id LIMIT 50) p), '[]')),
  'informationSystems', json_build_object('totalCount', (SELECT count(*) FROM process_group_information_systems WHERE process_group_id = g.id),
    'nodes', COALESCE((SELECT json_agg(json_build_object('name', i.name) ORDER BY i.id)
      FROM (SELECT i.id, i.name FROM process_group_information_systems j JOIN information_systems i ON i.id = j.information_system_id
            WHERE j.process_group_id = g.id ORDER BY i.id LIMIT 50) i), '[]')),
  'services', json_build_object('totalCount', (SELECT count(*) FROM process_group_services WHERE process_group_id = g.id),
    'nodes', COALESCE((SELECT json_agg(json_build_object('name', s.name) ORDER BY s.id)
      FROM (SELECT s.id, s.name FROM process_group_services j JOIN services s ON s.id = j.service_id
            WHERE j.process_group_id = g.id ORDER BY s.id LIMIT 50) s), '[]')),
  'entities', json_build_object('totalCount', (SELECT count(*) FROM process_group_entities WHERE process_group_id = g.id),
    'nodes', COALESCE((SELECT json_agg(json_build_object('name', e.name) ORDER BY e.id)
      FROM (SELECT e.id, e.name FROM process_group_entities j JOIN entities e ON e.id = j.entity_id
            WHERE j.process_group_id = g.id ORDER BY e.id LIMIT 50) e), '[]')))
  FROM process_groups g WHERE g.id = $1::bigint))`,
		SQLArgs: []string{"id"},
		Vars: func(lookup Lookup) (map[string]any, map[string]any, error) {
			id, err := lookup("processGroups", `{hasProcesses: true, hasInformationSystems: true, hasServices: true, hasEntities: true}`)
			if err != nil {
				return nil, nil, err
			}
			return map[string]any{"id": id}, map[string]any{"id": id}, nil
		},
	},
	{
		Name: "c-groups-by-system",
		Karta: `query C($q: String!) { processGroups(first: 20, where: {hasInformationSystemsWith: [{nameContainsFold: $q}]}) {
  totalCount edges { node { code name sphere { name ministry { name } } } } } }`,
		PostGraphile: `query C($q: String!) { processGroups: allProcessGroups(first: 20, orderBy: PRIMARY_KEY_ASC,
  filter: {processGroupInformationSystemsByProcessGroupId: {some: {informationSystemByInformationSystemId: {name: {includesInsensitive: $q}}}}}) {
  totalCount nodes { code name sphere: sphereBySphereProcessGroups { name ministry: ministryByMinistrySpheres { name } } } } }`,
		SQL: `WITH m AS (SELECT g.id, g.code, g.name, g.sphere_process_groups FROM process_groups g
  WHERE EXISTS (SELECT 1 FROM process_group_information_systems j JOIN information_systems i ON i.id = j.information_system_id
                WHERE j.process_group_id = g.id AND i.name ILIKE '%' || $1 || '%'))
SELECT json_build_object('processGroups', json_build_object('totalCount', (SELECT count(*) FROM m),
  'nodes', COALESCE((SELECT json_agg(json_build_object('code', g.code, 'name', g.name,
    'sphere', json_build_object('name', s.name, 'ministry', json_build_object('name', mi.name))) ORDER BY g.id)
    FROM (SELECT * FROM m ORDER BY id LIMIT 20) g JOIN spheres s ON s.id = g.sphere_process_groups
    JOIN ministries mi ON mi.id = s.ministry_spheres), '[]')))`,
		SQLArgs: []string{"q"},
		Vars: func(Lookup) (map[string]any, map[string]any, error) {
			v := map[string]any{"q": "лиценз"}
			return v, v, nil
		},
	},
	{
		Name: "d-integrations",
		Karta: `query D { integrations(first: 50) { totalCount edges { node { domain
  consumerSystem { name } providerSystem { name } consumerBody { name } providerBody { name } } } } }`,
		PostGraphile: `query D { integrations: allIntegrations(first: 50, orderBy: PRIMARY_KEY_ASC) { totalCount nodes { domain
  consumerSystem: informationSystemByInformationSystemConsumedIntegrations { name }
  providerSystem: informationSystemByInformationSystemProvidedIntegrations { name }
  consumerBody: ministryByMinistryConsumedIntegrations { name }
  providerBody: ministryByMinistryProvidedIntegrations { name } } } }`,
		SQL: `SELECT json_build_object('integrations', json_build_object('totalCount', (SELECT count(*) FROM integrations),
  'nodes', COALESCE((SELECT json_agg(json_build_object('domain', t.domain,
    'consumerSystem', CASE WHEN cs.id IS NULL THEN NULL ELSE json_build_object('name', cs.name) END,
    'providerSystem', CASE WHEN ps.id IS NULL THEN NULL ELSE json_build_object('name', ps.name) END,
    'consumerBody', CASE WHEN cb.id IS NULL THEN NULL ELSE json_build_object('name', cb.name) END,
    'providerBody', CASE WHEN pb.id IS NULL THEN NULL ELSE json_build_object('name', pb.name) END) ORDER BY t.id)
    FROM (SELECT * FROM integrations ORDER BY id LIMIT 50) t
    LEFT JOIN information_systems cs ON cs.id = t.information_system_consumed_integrations
    LEFT JOIN information_systems ps ON ps.id = t.information_system_provided_integrations
    LEFT JOIN ministries cb ON cb.id = t.ministry_consumed_integrations
    LEFT JOIN ministries pb ON pb.id = t.ministry_provided_integrations), '[]')))`,
		Vars: noVars,
	},
}

// ByName returns the query named name, or nil.
func ByName(name string) *Query {
	for i := range Queries {
		if Queries[i].Name == name {
			return &Queries[i]
		}
	}
	return nil
}

func noVars(Lookup) (map[string]any, map[string]any, error) { return nil, nil, nil }
