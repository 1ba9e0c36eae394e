-- drop index "attribute_key" from table: "attributes"
DROP INDEX "attribute_key";
-- create index "attribute_key" to table: "attributes"
CREATE UNIQUE INDEX "attribute_key" ON "attributes" ("key" text_pattern_ops);
-- drop index "entity_key" from table: "entities"
DROP INDEX "entity_key";
-- create index "entity_key" to table: "entities"
CREATE UNIQUE INDEX "entity_key" ON "entities" ("key" text_pattern_ops);
-- drop index "experience_key" from table: "experiences"
DROP INDEX "experience_key";
-- create index "experience_key" to table: "experiences"
CREATE UNIQUE INDEX "experience_key" ON "experiences" ("key" text_pattern_ops);
-- drop index "icebreaker_key" from table: "icebreakers"
DROP INDEX "icebreaker_key";
-- create index "icebreaker_key" to table: "icebreakers"
CREATE UNIQUE INDEX "icebreaker_key" ON "icebreakers" ("key" text_pattern_ops);
-- drop index "informationsystem_key" from table: "information_systems"
DROP INDEX "informationsystem_key";
-- create index "informationsystem_key" to table: "information_systems"
CREATE UNIQUE INDEX "informationsystem_key" ON "information_systems" ("key" text_pattern_ops);
-- drop index "integration_key" from table: "integrations"
DROP INDEX "integration_key";
-- create index "integration_key" to table: "integrations"
CREATE UNIQUE INDEX "integration_key" ON "integrations" ("key" text_pattern_ops);
-- drop index "kpitarget_key" from table: "kpi_targets"
DROP INDEX "kpitarget_key";
-- create index "kpitarget_key" to table: "kpi_targets"
CREATE UNIQUE INDEX "kpitarget_key" ON "kpi_targets" ("key" text_pattern_ops);
-- drop index "kpi_key" from table: "kpis"
DROP INDEX "kpi_key";
-- create index "kpi_key" to table: "kpis"
CREATE UNIQUE INDEX "kpi_key" ON "kpis" ("key" text_pattern_ops);
-- drop index "ministry_key" from table: "ministries"
DROP INDEX "ministry_key";
-- create index "ministry_key" to table: "ministries"
CREATE UNIQUE INDEX "ministry_key" ON "ministries" ("key" text_pattern_ops);
-- drop index "need_key" from table: "needs"
DROP INDEX "need_key";
-- create index "need_key" to table: "needs"
CREATE UNIQUE INDEX "need_key" ON "needs" ("key" text_pattern_ops);
-- drop index "processgroup_key" from table: "process_groups"
DROP INDEX "processgroup_key";
-- create index "processgroup_key" to table: "process_groups"
CREATE UNIQUE INDEX "processgroup_key" ON "process_groups" ("key" text_pattern_ops);
-- drop index "process_key" from table: "processes"
DROP INDEX "process_key";
-- create index "process_key" to table: "processes"
CREATE UNIQUE INDEX "process_key" ON "processes" ("key" text_pattern_ops);
-- drop index "roadmapitem_key" from table: "roadmap_items"
DROP INDEX "roadmapitem_key";
-- create index "roadmapitem_key" to table: "roadmap_items"
CREATE UNIQUE INDEX "roadmapitem_key" ON "roadmap_items" ("key" text_pattern_ops);
-- drop index "roadmapstep_key" from table: "roadmap_steps"
DROP INDEX "roadmapstep_key";
-- create index "roadmapstep_key" to table: "roadmap_steps"
CREATE UNIQUE INDEX "roadmapstep_key" ON "roadmap_steps" ("key" text_pattern_ops);
-- drop index "serviceplan_key" from table: "service_plans"
DROP INDEX "serviceplan_key";
-- create index "serviceplan_key" to table: "service_plans"
CREATE UNIQUE INDEX "serviceplan_key" ON "service_plans" ("key" text_pattern_ops);
-- drop index "service_key" from table: "services"
DROP INDEX "service_key";
-- create index "service_key" to table: "services"
CREATE UNIQUE INDEX "service_key" ON "services" ("key" text_pattern_ops);
-- drop index "sourcefragment_key" from table: "source_fragments"
DROP INDEX "sourcefragment_key";
-- create index "sourcefragment_key" to table: "source_fragments"
CREATE UNIQUE INDEX "sourcefragment_key" ON "source_fragments" ("key" text_pattern_ops);
-- drop index "sphereschedule_key" from table: "sphere_schedules"
DROP INDEX "sphereschedule_key";
-- create index "sphereschedule_key" to table: "sphere_schedules"
CREATE UNIQUE INDEX "sphereschedule_key" ON "sphere_schedules" ("key" text_pattern_ops);
-- drop index "sphere_key" from table: "spheres"
DROP INDEX "sphere_key";
-- create index "sphere_key" to table: "spheres"
CREATE UNIQUE INDEX "sphere_key" ON "spheres" ("key" text_pattern_ops);
-- drop index "statefunction_key" from table: "state_functions"
DROP INDEX "statefunction_key";
-- create index "statefunction_key" to table: "state_functions"
CREATE UNIQUE INDEX "statefunction_key" ON "state_functions" ("key" text_pattern_ops);
-- drop index "structuralunit_key" from table: "structural_units"
DROP INDEX "structuralunit_key";
-- create index "structuralunit_key" to table: "structural_units"
CREATE UNIQUE INDEX "structuralunit_key" ON "structural_units" ("key" text_pattern_ops);
-- drop index "transformationmap_key" from table: "transformation_maps"
DROP INDEX "transformationmap_key";
-- create index "transformationmap_key" to table: "transformation_maps"
CREATE UNIQUE INDEX "transformationmap_key" ON "transformation_maps" ("key" text_pattern_ops);
