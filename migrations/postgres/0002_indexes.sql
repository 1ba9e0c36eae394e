-- create index "attribute_entity_attributes" to table: "attributes"
CREATE INDEX "attribute_entity_attributes" ON "attributes" ("entity_attributes");
-- create index "attribute_name" to table: "attributes"
CREATE INDEX "attribute_name" ON "attributes" ("name");
-- create index "entity_name" to table: "entities"
CREATE INDEX "entity_name" ON "entities" ("name");
-- create index "entity_sphere_entities" to table: "entities"
CREATE INDEX "entity_sphere_entities" ON "entities" ("sphere_entities");
-- create index "experience_sphere_experiences" to table: "experiences"
CREATE INDEX "experience_sphere_experiences" ON "experiences" ("sphere_experiences");
-- create index "icebreaker_bodies_ministry_id_idx" to table: "icebreaker_bodies"
CREATE INDEX "icebreaker_bodies_ministry_id_idx" ON "icebreaker_bodies" ("ministry_id");
-- create index "icebreaker_systems_information_system_id_idx" to table: "icebreaker_systems"
CREATE INDEX "icebreaker_systems_information_system_id_idx" ON "icebreaker_systems" ("information_system_id");
-- create index "icebreaker_transformation_map_icebreakers" to table: "icebreakers"
CREATE INDEX "icebreaker_transformation_map_icebreakers" ON "icebreakers" ("transformation_map_icebreakers");
-- create index "informationsystem_ministry_systems" to table: "information_systems"
CREATE INDEX "informationsystem_ministry_systems" ON "information_systems" ("ministry_systems");
-- create index "informationsystem_name" to table: "information_systems"
CREATE INDEX "informationsystem_name" ON "information_systems" ("name");
-- create index "integration_information_system_consumed_integrations" to table: "integrations"
CREATE INDEX "integration_information_system_consumed_integrations" ON "integrations" ("information_system_consumed_integrations");
-- create index "integration_information_system_provided_integrations" to table: "integrations"
CREATE INDEX "integration_information_system_provided_integrations" ON "integrations" ("information_system_provided_integrations");
-- create index "integration_ministry_consumed_integrations" to table: "integrations"
CREATE INDEX "integration_ministry_consumed_integrations" ON "integrations" ("ministry_consumed_integrations");
-- create index "integration_ministry_provided_integrations" to table: "integrations"
CREATE INDEX "integration_ministry_provided_integrations" ON "integrations" ("ministry_provided_integrations");
-- create index "integration_transformation_map_integrations" to table: "integrations"
CREATE INDEX "integration_transformation_map_integrations" ON "integrations" ("transformation_map_integrations");
-- create index "kpitarget_kpi_targets" to table: "kpi_targets"
CREATE INDEX "kpitarget_kpi_targets" ON "kpi_targets" ("kpi_targets");
-- create index "kpi_sphere_kpis" to table: "kpis"
CREATE INDEX "kpi_sphere_kpis" ON "kpis" ("sphere_kpis");
-- create index "kpi_transformation_map_kpis" to table: "kpis"
CREATE INDEX "kpi_transformation_map_kpis" ON "kpis" ("transformation_map_kpis");
-- create index "ministry_ministry_children" to table: "ministries"
CREATE INDEX "ministry_ministry_children" ON "ministries" ("ministry_children");
-- create index "ministry_name" to table: "ministries"
CREATE INDEX "ministry_name" ON "ministries" ("name");
-- create index "need_bodies_ministry_id_idx" to table: "need_bodies"
CREATE INDEX "need_bodies_ministry_id_idx" ON "need_bodies" ("ministry_id");
-- create index "need_systems_information_system_id_idx" to table: "need_systems"
CREATE INDEX "need_systems_information_system_id_idx" ON "need_systems" ("information_system_id");
-- create index "need_need_process_group" to table: "needs"
CREATE INDEX "need_need_process_group" ON "needs" ("need_process_group");
-- create index "need_transformation_map_needs" to table: "needs"
CREATE INDEX "need_transformation_map_needs" ON "needs" ("transformation_map_needs");
-- create index "process_group_entities_entity_id_idx" to table: "process_group_entities"
CREATE INDEX "process_group_entities_entity_id_idx" ON "process_group_entities" ("entity_id");
-- create index "process_group_functions_state_function_id_idx" to table: "process_group_functions"
CREATE INDEX "process_group_functions_state_function_id_idx" ON "process_group_functions" ("state_function_id");
-- create index "process_group_information_systems_information_system_id_idx" to table: "process_group_information_systems"
CREATE INDEX "process_group_information_systems_information_system_id_idx" ON "process_group_information_systems" ("information_system_id");
-- create index "process_group_services_service_id_idx" to table: "process_group_services"
CREATE INDEX "process_group_services_service_id_idx" ON "process_group_services" ("service_id");
-- create index "process_group_units_structural_unit_id_idx" to table: "process_group_units"
CREATE INDEX "process_group_units_structural_unit_id_idx" ON "process_group_units" ("structural_unit_id");
-- create index "processgroup_name" to table: "process_groups"
CREATE INDEX "processgroup_name" ON "process_groups" ("name");
-- create index "processgroup_sphere_process_groups" to table: "process_groups"
CREATE INDEX "processgroup_sphere_process_groups" ON "process_groups" ("sphere_process_groups");
-- create index "process_process_group_processes" to table: "processes"
CREATE INDEX "process_process_group_processes" ON "processes" ("process_group_processes");
-- create index "removal_import_run_removals" to table: "removals"
CREATE INDEX "removal_import_run_removals" ON "removals" ("import_run_removals");
-- create index "roadmap_item_units_structural_unit_id_idx" to table: "roadmap_item_units"
CREATE INDEX "roadmap_item_units_structural_unit_id_idx" ON "roadmap_item_units" ("structural_unit_id");
-- create index "roadmapitem_roadmap_item_process_group" to table: "roadmap_items"
CREATE INDEX "roadmapitem_roadmap_item_process_group" ON "roadmap_items" ("roadmap_item_process_group");
-- create index "roadmapitem_sphere_roadmap_items" to table: "roadmap_items"
CREATE INDEX "roadmapitem_sphere_roadmap_items" ON "roadmap_items" ("sphere_roadmap_items");
-- create index "roadmapstep_roadmap_item_steps" to table: "roadmap_steps"
CREATE INDEX "roadmapstep_roadmap_item_steps" ON "roadmap_steps" ("roadmap_item_steps");
-- create index "serviceplan_service_plan_body" to table: "service_plans"
CREATE INDEX "serviceplan_service_plan_body" ON "service_plans" ("service_plan_body");
-- create index "serviceplan_transformation_map_service_plans" to table: "service_plans"
CREATE INDEX "serviceplan_transformation_map_service_plans" ON "service_plans" ("transformation_map_service_plans");
-- create index "sourcefragment_transformation_map_fragments" to table: "source_fragments"
CREATE INDEX "sourcefragment_transformation_map_fragments" ON "source_fragments" ("transformation_map_fragments");
-- create index "sphere_responsible_units_structural_unit_id_idx" to table: "sphere_responsible_units"
CREATE INDEX "sphere_responsible_units_structural_unit_id_idx" ON "sphere_responsible_units" ("structural_unit_id");
-- create index "sphere_schedule_units_structural_unit_id_idx" to table: "sphere_schedule_units"
CREATE INDEX "sphere_schedule_units_structural_unit_id_idx" ON "sphere_schedule_units" ("structural_unit_id");
-- create index "sphereschedule_sphere_schedules" to table: "sphere_schedules"
CREATE INDEX "sphereschedule_sphere_schedules" ON "sphere_schedules" ("sphere_schedules");
-- create index "sphereschedule_transformation_map_schedules" to table: "sphere_schedules"
CREATE INDEX "sphereschedule_transformation_map_schedules" ON "sphere_schedules" ("transformation_map_schedules");
-- create index "sphere_ministry_spheres" to table: "spheres"
CREATE INDEX "sphere_ministry_spheres" ON "spheres" ("ministry_spheres");
-- create index "sphere_name" to table: "spheres"
CREATE INDEX "sphere_name" ON "spheres" ("name");
-- create index "sphere_transformation_map_spheres" to table: "spheres"
CREATE INDEX "sphere_transformation_map_spheres" ON "spheres" ("transformation_map_spheres");
-- create index "statefunction_ministry_functions" to table: "state_functions"
CREATE INDEX "statefunction_ministry_functions" ON "state_functions" ("ministry_functions");
-- create index "structuralunit_ministry_units" to table: "structural_units"
CREATE INDEX "structuralunit_ministry_units" ON "structural_units" ("ministry_units");
-- create index "structuralunit_name" to table: "structural_units"
CREATE INDEX "structuralunit_name" ON "structural_units" ("name");
-- create index "transformation_map_development_bodies_ministry_id_idx" to table: "transformation_map_development_bodies"
CREATE INDEX "transformation_map_development_bodies_ministry_id_idx" ON "transformation_map_development_bodies" ("ministry_id");
-- create index "transformation_map_implementation_bodies_ministry_id_idx" to table: "transformation_map_implementation_bodies"
CREATE INDEX "transformation_map_implementation_bodies_ministry_id_idx" ON "transformation_map_implementation_bodies" ("ministry_id");
-- create index "transformationmap_ministry_maps" to table: "transformation_maps"
CREATE INDEX "transformationmap_ministry_maps" ON "transformation_maps" ("ministry_maps");
