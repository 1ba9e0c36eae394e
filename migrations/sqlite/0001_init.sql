-- create "attributes" table
CREATE TABLE `attributes` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `source_line` integer NULL, `digest` text NULL, `position` integer NOT NULL DEFAULT (0), `name` text NOT NULL, `entity_attributes` integer NOT NULL, CONSTRAINT `attributes_entities_attributes` FOREIGN KEY (`entity_attributes`) REFERENCES `entities` (`id`) ON DELETE NO ACTION);
-- create index "attribute_key" to table: "attributes"
CREATE UNIQUE INDEX `attribute_key` ON `attributes` (`key`);
-- create "catalog_states" table
CREATE TABLE `catalog_states` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `version` integer NOT NULL DEFAULT (0), `imported_at` datetime NULL);
-- set sequence for "catalog_states" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("catalog_states", 98784247808);
-- create "entities" table
CREATE TABLE `entities` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `source_line` integer NULL, `digest` text NULL, `position` integer NOT NULL DEFAULT (0), `kind` text NULL, `kind_text` text NULL, `name` text NOT NULL, `count_text` text NULL, `count` real NULL, `digitization` text NOT NULL DEFAULT ('UNKNOWN'), `digitization_text` text NULL, `process_group_refs` json NULL, `sphere_entities` integer NOT NULL, CONSTRAINT `entities_spheres_entities` FOREIGN KEY (`sphere_entities`) REFERENCES `spheres` (`id`) ON DELETE NO ACTION);
-- set sequence for "entities" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("entities", 4294967296);
-- create index "entity_key" to table: "entities"
CREATE UNIQUE INDEX `entity_key` ON `entities` (`key`);
-- create "experiences" table
CREATE TABLE `experiences` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `source_line` integer NULL, `digest` text NULL, `position` integer NOT NULL DEFAULT (0), `country` text NOT NULL, `text` text NOT NULL, `links` json NULL, `sphere_experiences` integer NOT NULL, CONSTRAINT `experiences_spheres_experiences` FOREIGN KEY (`sphere_experiences`) REFERENCES `spheres` (`id`) ON DELETE NO ACTION);
-- set sequence for "experiences" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("experiences", 8589934592);
-- create index "experience_key" to table: "experiences"
CREATE UNIQUE INDEX `experience_key` ON `experiences` (`key`);
-- create "icebreakers" table
CREATE TABLE `icebreakers` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `source_line` integer NULL, `digest` text NULL, `position` integer NOT NULL DEFAULT (0), `name` text NOT NULL, `body_text` text NULL, `description` json NULL, `goals` json NULL, `tasks` json NULL, `transformation_map_icebreakers` integer NOT NULL, CONSTRAINT `icebreakers_transformation_maps_icebreakers` FOREIGN KEY (`transformation_map_icebreakers`) REFERENCES `transformation_maps` (`id`) ON DELETE NO ACTION);
-- set sequence for "icebreakers" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("icebreakers", 12884901888);
-- create index "icebreaker_key" to table: "icebreakers"
CREATE UNIQUE INDEX `icebreaker_key` ON `icebreakers` (`key`);
-- create "import_runs" table
CREATE TABLE `import_runs` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `version` integer NOT NULL, `imported_at` datetime NOT NULL, `files` json NULL, `maps` json NULL, `created` integer NOT NULL DEFAULT (0), `updated` integer NOT NULL DEFAULT (0), `removed` integer NOT NULL DEFAULT (0), `removals_allowed` bool NOT NULL DEFAULT (false));
-- set sequence for "import_runs" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("import_runs", 103079215104);
-- create "information_systems" table
CREATE TABLE `information_systems` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `source_line` integer NULL, `digest` text NULL, `name` text NOT NULL, `aliases` json NULL, `all_names` text NULL, `ministry_systems` integer NULL, CONSTRAINT `information_systems_ministries_systems` FOREIGN KEY (`ministry_systems`) REFERENCES `ministries` (`id`) ON DELETE SET NULL);
-- set sequence for "information_systems" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("information_systems", 17179869184);
-- create index "informationsystem_key" to table: "information_systems"
CREATE UNIQUE INDEX `informationsystem_key` ON `information_systems` (`key`);
-- create "integrations" table
CREATE TABLE `integrations` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `source_line` integer NULL, `digest` text NULL, `position` integer NOT NULL DEFAULT (0), `number` text NULL, `domain` text NULL, `data_names` json NULL, `data_text` text NULL, `consumer_body_text` text NULL, `consumer_system_text` text NULL, `provider_body_text` text NULL, `provider_system_text` text NULL, `deadline_text` text NULL, `deadline` datetime NULL, `status` text NOT NULL DEFAULT ('PLANNED'), `status_text` text NULL, `information_system_consumed_integrations` integer NULL, `information_system_provided_integrations` integer NULL, `ministry_consumed_integrations` integer NULL, `ministry_provided_integrations` integer NULL, `transformation_map_integrations` integer NOT NULL, CONSTRAINT `integrations_information_systems_consumed_integrations` FOREIGN KEY (`information_system_consumed_integrations`) REFERENCES `information_systems` (`id`) ON DELETE SET NULL, CONSTRAINT `integrations_information_systems_provided_integrations` FOREIGN KEY (`information_system_provided_integrations`) REFERENCES `information_systems` (`id`) ON DELETE SET NULL, CONSTRAINT `integrations_ministries_consumed_integrations` FOREIGN KEY (`ministry_consumed_integrations`) REFERENCES `ministries` (`id`) ON DELETE SET NULL, CONSTRAINT `integrations_ministries_provided_integrations` FOREIGN KEY (`ministry_provided_integrations`) REFERENCES `ministries` (`id`) ON DELETE SET NULL, CONSTRAINT `integrations_transformation_maps_integrations` FOREIGN KEY (`transformation_map_integrations`) REFERENCES `transformation_maps` (`id`) ON DELETE NO ACTION);
-- set sequence for "integrations" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("integrations", 21474836480);
-- create index "integration_key" to table: "integrations"
CREATE UNIQUE INDEX `integration_key` ON `integrations` (`key`);
-- create "kpis" table
CREATE TABLE `kpis` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `source_line` integer NULL, `digest` text NULL, `position` integer NOT NULL DEFAULT (0), `group` text NOT NULL, `number` text NULL, `name` text NOT NULL, `unit` text NULL, `strategic` bool NOT NULL DEFAULT (false), `sphere_kpis` integer NULL, `transformation_map_kpis` integer NOT NULL, CONSTRAINT `kpis_spheres_kpis` FOREIGN KEY (`sphere_kpis`) REFERENCES `spheres` (`id`) ON DELETE SET NULL, CONSTRAINT `kpis_transformation_maps_kpis` FOREIGN KEY (`transformation_map_kpis`) REFERENCES `transformation_maps` (`id`) ON DELETE NO ACTION);
-- set sequence for "kpis" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("kpis", 94489280512);
-- create index "kpi_key" to table: "kpis"
CREATE UNIQUE INDEX `kpi_key` ON `kpis` (`key`);
-- create "kpi_targets" table
CREATE TABLE `kpi_targets` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `source_line` integer NULL, `digest` text NULL, `year` integer NOT NULL, `text` text NOT NULL, `value` real NULL, `kpi_targets` integer NOT NULL, CONSTRAINT `kpi_targets_kpis_targets` FOREIGN KEY (`kpi_targets`) REFERENCES `kpis` (`id`) ON DELETE NO ACTION);
-- set sequence for "kpi_targets" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("kpi_targets", 30064771072);
-- create index "kpitarget_key" to table: "kpi_targets"
CREATE UNIQUE INDEX `kpitarget_key` ON `kpi_targets` (`key`);
-- create "ministries" table
CREATE TABLE `ministries` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `source_line` integer NULL, `digest` text NULL, `name` text NOT NULL, `short_name` text NULL, `kind` text NOT NULL DEFAULT ('OTHER'), `aliases` json NULL, `all_names` text NULL, `ministry_children` integer NULL, CONSTRAINT `ministries_ministries_children` FOREIGN KEY (`ministry_children`) REFERENCES `ministries` (`id`) ON DELETE SET NULL);
-- set sequence for "ministries" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("ministries", 34359738368);
-- create index "ministry_key" to table: "ministries"
CREATE UNIQUE INDEX `ministry_key` ON `ministries` (`key`);
-- create "needs" table
CREATE TABLE `needs` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `source_line` integer NULL, `digest` text NULL, `position` integer NOT NULL DEFAULT (0), `number` text NULL, `process_group_name` text NULL, `body_text` text NULL, `text` text NOT NULL, `need_process_group` integer NULL, `transformation_map_needs` integer NOT NULL, CONSTRAINT `needs_process_groups_process_group` FOREIGN KEY (`need_process_group`) REFERENCES `process_groups` (`id`) ON DELETE SET NULL, CONSTRAINT `needs_transformation_maps_needs` FOREIGN KEY (`transformation_map_needs`) REFERENCES `transformation_maps` (`id`) ON DELETE NO ACTION);
-- set sequence for "needs" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("needs", 38654705664);
-- create index "need_key" to table: "needs"
CREATE UNIQUE INDEX `need_key` ON `needs` (`key`);
-- create "processes" table
CREATE TABLE `processes` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `source_line` integer NULL, `digest` text NULL, `position` integer NOT NULL DEFAULT (0), `name` text NOT NULL, `process_group_processes` integer NOT NULL, CONSTRAINT `processes_process_groups_processes` FOREIGN KEY (`process_group_processes`) REFERENCES `process_groups` (`id`) ON DELETE NO ACTION);
-- set sequence for "processes" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("processes", 42949672960);
-- create index "process_key" to table: "processes"
CREATE UNIQUE INDEX `process_key` ON `processes` (`key`);
-- create "process_groups" table
CREATE TABLE `process_groups` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `source_line` integer NULL, `digest` text NULL, `position` integer NOT NULL DEFAULT (0), `code` text NOT NULL, `name` text NOT NULL, `technologies_text` text NULL, `technologies` json NULL, `has_ai` bool NULL, `services_text` text NULL, `automation` text NOT NULL DEFAULT ('UNKNOWN'), `automation_text` text NULL, `subject_object_text` text NULL, `reengineering` text NOT NULL DEFAULT ('UNKNOWN'), `reengineering_text` text NULL, `fields` json NULL, `sphere_process_groups` integer NOT NULL, CONSTRAINT `process_groups_spheres_process_groups` FOREIGN KEY (`sphere_process_groups`) REFERENCES `spheres` (`id`) ON DELETE NO ACTION);
-- set sequence for "process_groups" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("process_groups", 47244640256);
-- create index "processgroup_key" to table: "process_groups"
CREATE UNIQUE INDEX `processgroup_key` ON `process_groups` (`key`);
-- create index "processgroup_code_sphere_process_groups" to table: "process_groups"
CREATE UNIQUE INDEX `processgroup_code_sphere_process_groups` ON `process_groups` (`code`, `sphere_process_groups`);
-- create "removals" table
CREATE TABLE `removals` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `type` text NOT NULL, `key` text NOT NULL, `node_id` integer NOT NULL, `orphan` bool NOT NULL DEFAULT (false), `import_run_removals` integer NOT NULL, CONSTRAINT `removals_import_runs_removals` FOREIGN KEY (`import_run_removals`) REFERENCES `import_runs` (`id`) ON DELETE NO ACTION);
-- set sequence for "removals" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("removals", 107374182400);
-- create "roadmap_items" table
CREATE TABLE `roadmap_items` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `source_line` integer NULL, `digest` text NULL, `position` integer NOT NULL DEFAULT (0), `process_group_name` text NOT NULL, `technologies` text NULL, `fragmentary` bool NOT NULL DEFAULT (false), `units_text` json NULL, `roadmap_item_process_group` integer NULL, `sphere_roadmap_items` integer NOT NULL, CONSTRAINT `roadmap_items_process_groups_process_group` FOREIGN KEY (`roadmap_item_process_group`) REFERENCES `process_groups` (`id`) ON DELETE SET NULL, CONSTRAINT `roadmap_items_spheres_roadmap_items` FOREIGN KEY (`sphere_roadmap_items`) REFERENCES `spheres` (`id`) ON DELETE NO ACTION);
-- set sequence for "roadmap_items" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("roadmap_items", 51539607552);
-- create index "roadmapitem_key" to table: "roadmap_items"
CREATE UNIQUE INDEX `roadmapitem_key` ON `roadmap_items` (`key`);
-- create "roadmap_steps" table
CREATE TABLE `roadmap_steps` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `source_line` integer NULL, `digest` text NULL, `year` integer NOT NULL, `quarter` integer NOT NULL, `period` integer NOT NULL, `code` text NOT NULL, `budget_dependent` bool NOT NULL DEFAULT (false), `text` text NULL, `roadmap_item_steps` integer NOT NULL, CONSTRAINT `roadmap_steps_roadmap_items_steps` FOREIGN KEY (`roadmap_item_steps`) REFERENCES `roadmap_items` (`id`) ON DELETE NO ACTION);
-- set sequence for "roadmap_steps" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("roadmap_steps", 55834574848);
-- create index "roadmapstep_key" to table: "roadmap_steps"
CREATE UNIQUE INDEX `roadmapstep_key` ON `roadmap_steps` (`key`);
-- create index "roadmapstep_period" to table: "roadmap_steps"
CREATE INDEX `roadmapstep_period` ON `roadmap_steps` (`period`);
-- create "services" table
CREATE TABLE `services` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `source_line` integer NULL, `digest` text NULL, `name` text NOT NULL, `code` text NULL);
-- set sequence for "services" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("services", 60129542144);
-- create index "service_key" to table: "services"
CREATE UNIQUE INDEX `service_key` ON `services` (`key`);
-- create "service_plans" table
CREATE TABLE `service_plans` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `source_line` integer NULL, `digest` text NULL, `body_text` text NOT NULL, `total_text` text NULL, `total` real NULL, `potential_text` text NULL, `potential` real NULL, `automation` json NULL, `digital_text` text NULL, `digital` real NULL, `proactive_text` text NULL, `proactive` real NULL, `service_plan_body` integer NULL, `transformation_map_service_plans` integer NOT NULL, CONSTRAINT `service_plans_ministries_body` FOREIGN KEY (`service_plan_body`) REFERENCES `ministries` (`id`) ON DELETE SET NULL, CONSTRAINT `service_plans_transformation_maps_service_plans` FOREIGN KEY (`transformation_map_service_plans`) REFERENCES `transformation_maps` (`id`) ON DELETE NO ACTION);
-- set sequence for "service_plans" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("service_plans", 64424509440);
-- create index "serviceplan_key" to table: "service_plans"
CREATE UNIQUE INDEX `serviceplan_key` ON `service_plans` (`key`);
-- create "source_fragments" table
CREATE TABLE `source_fragments` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `source_line` integer NULL, `digest` text NULL, `text` text NOT NULL, `reason` text NULL, `transformation_map_fragments` integer NOT NULL, CONSTRAINT `source_fragments_transformation_maps_fragments` FOREIGN KEY (`transformation_map_fragments`) REFERENCES `transformation_maps` (`id`) ON DELETE NO ACTION);
-- set sequence for "source_fragments" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("source_fragments", 68719476736);
-- create index "sourcefragment_key" to table: "source_fragments"
CREATE UNIQUE INDEX `sourcefragment_key` ON `source_fragments` (`key`);
-- create "spheres" table
CREATE TABLE `spheres` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `source_line` integer NULL, `digest` text NULL, `number` integer NOT NULL, `name` text NOT NULL, `heading` text NULL, `overview` json NULL, `problems` json NULL, `entity_notes` json NULL, `roadmap_kpis` json NULL, `roadmap_notes` json NULL, `illegible` json NULL, `ministry_spheres` integer NOT NULL, `transformation_map_spheres` integer NOT NULL, CONSTRAINT `spheres_ministries_spheres` FOREIGN KEY (`ministry_spheres`) REFERENCES `ministries` (`id`) ON DELETE NO ACTION, CONSTRAINT `spheres_transformation_maps_spheres` FOREIGN KEY (`transformation_map_spheres`) REFERENCES `transformation_maps` (`id`) ON DELETE NO ACTION);
-- set sequence for "spheres" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("spheres", 73014444032);
-- create index "sphere_key" to table: "spheres"
CREATE UNIQUE INDEX `sphere_key` ON `spheres` (`key`);
-- create "sphere_schedules" table
CREATE TABLE `sphere_schedules` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `source_line` integer NULL, `digest` text NULL, `position` integer NOT NULL DEFAULT (0), `sphere_text` text NOT NULL, `units_text` json NULL, `year` integer NOT NULL, `text` text NULL, `codes` json NULL, `sphere_schedules` integer NULL, `transformation_map_schedules` integer NOT NULL, CONSTRAINT `sphere_schedules_spheres_schedules` FOREIGN KEY (`sphere_schedules`) REFERENCES `spheres` (`id`) ON DELETE SET NULL, CONSTRAINT `sphere_schedules_transformation_maps_schedules` FOREIGN KEY (`transformation_map_schedules`) REFERENCES `transformation_maps` (`id`) ON DELETE NO ACTION);
-- set sequence for "sphere_schedules" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("sphere_schedules", 77309411328);
-- create index "sphereschedule_key" to table: "sphere_schedules"
CREATE UNIQUE INDEX `sphereschedule_key` ON `sphere_schedules` (`key`);
-- create "state_functions" table
CREATE TABLE `state_functions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `source_line` integer NULL, `digest` text NULL, `text` text NOT NULL, `ministry_functions` integer NOT NULL, CONSTRAINT `state_functions_ministries_functions` FOREIGN KEY (`ministry_functions`) REFERENCES `ministries` (`id`) ON DELETE NO ACTION);
-- set sequence for "state_functions" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("state_functions", 81604378624);
-- create index "statefunction_key" to table: "state_functions"
CREATE UNIQUE INDEX `statefunction_key` ON `state_functions` (`key`);
-- create "structural_units" table
CREATE TABLE `structural_units` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `source_line` integer NULL, `digest` text NULL, `code` text NOT NULL, `name` text NULL, `aliases` json NULL, `ministry_units` integer NOT NULL, CONSTRAINT `structural_units_ministries_units` FOREIGN KEY (`ministry_units`) REFERENCES `ministries` (`id`) ON DELETE NO ACTION);
-- set sequence for "structural_units" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("structural_units", 85899345920);
-- create index "structuralunit_key" to table: "structural_units"
CREATE UNIQUE INDEX `structuralunit_key` ON `structural_units` (`key`);
-- create "transformation_maps" table
CREATE TABLE `transformation_maps` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `source_line` integer NULL, `digest` text NULL, `title` text NOT NULL, `passport_title` text NULL, `source_document` text NOT NULL, `goal` text NULL, `strategic_documents` json NULL, `covered_spheres` json NULL, `principles` json NULL, `development_bodies_text` json NULL, `implementation_bodies_text` json NULL, `basis` json NULL, `period` text NULL, `period_start` integer NULL, `period_end` integer NULL, `passport_fields` json NULL, `introduction` json NULL, `target_figures` json NULL, `approval` text NULL, `title_page` json NULL, `summary_roadmap_notes` json NULL, `truncated` bool NOT NULL DEFAULT (false), `imported_at` datetime NULL, `ministry_maps` integer NOT NULL, CONSTRAINT `transformation_maps_ministries_maps` FOREIGN KEY (`ministry_maps`) REFERENCES `ministries` (`id`) ON DELETE NO ACTION);
-- set sequence for "transformation_maps" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("transformation_maps", 90194313216);
-- create index "transformationmap_key" to table: "transformation_maps"
CREATE UNIQUE INDEX `transformationmap_key` ON `transformation_maps` (`key`);
-- create "icebreaker_bodies" table
CREATE TABLE `icebreaker_bodies` (`icebreaker_id` integer NOT NULL, `ministry_id` integer NOT NULL, PRIMARY KEY (`icebreaker_id`, `ministry_id`), CONSTRAINT `icebreaker_bodies_icebreaker_id` FOREIGN KEY (`icebreaker_id`) REFERENCES `icebreakers` (`id`) ON DELETE CASCADE, CONSTRAINT `icebreaker_bodies_ministry_id` FOREIGN KEY (`ministry_id`) REFERENCES `ministries` (`id`) ON DELETE CASCADE);
-- create "icebreaker_systems" table
CREATE TABLE `icebreaker_systems` (`icebreaker_id` integer NOT NULL, `information_system_id` integer NOT NULL, PRIMARY KEY (`icebreaker_id`, `information_system_id`), CONSTRAINT `icebreaker_systems_icebreaker_id` FOREIGN KEY (`icebreaker_id`) REFERENCES `icebreakers` (`id`) ON DELETE CASCADE, CONSTRAINT `icebreaker_systems_information_system_id` FOREIGN KEY (`information_system_id`) REFERENCES `information_systems` (`id`) ON DELETE CASCADE);
-- create "need_bodies" table
CREATE TABLE `need_bodies` (`need_id` integer NOT NULL, `ministry_id` integer NOT NULL, PRIMARY KEY (`need_id`, `ministry_id`), CONSTRAINT `need_bodies_need_id` FOREIGN KEY (`need_id`) REFERENCES `needs` (`id`) ON DELETE CASCADE, CONSTRAINT `need_bodies_ministry_id` FOREIGN KEY (`ministry_id`) REFERENCES `ministries` (`id`) ON DELETE CASCADE);
-- create "need_systems" table
CREATE TABLE `need_systems` (`need_id` integer NOT NULL, `information_system_id` integer NOT NULL, PRIMARY KEY (`need_id`, `information_system_id`), CONSTRAINT `need_systems_need_id` FOREIGN KEY (`need_id`) REFERENCES `needs` (`id`) ON DELETE CASCADE, CONSTRAINT `need_systems_information_system_id` FOREIGN KEY (`information_system_id`) REFERENCES `information_systems` (`id`) ON DELETE CASCADE);
-- create "process_group_units" table
CREATE TABLE `process_group_units` (`process_group_id` integer NOT NULL, `structural_unit_id` integer NOT NULL, PRIMARY KEY (`process_group_id`, `structural_unit_id`), CONSTRAINT `process_group_units_process_group_id` FOREIGN KEY (`process_group_id`) REFERENCES `process_groups` (`id`) ON DELETE CASCADE, CONSTRAINT `process_group_units_structural_unit_id` FOREIGN KEY (`structural_unit_id`) REFERENCES `structural_units` (`id`) ON DELETE CASCADE);
-- create "process_group_functions" table
CREATE TABLE `process_group_functions` (`process_group_id` integer NOT NULL, `state_function_id` integer NOT NULL, PRIMARY KEY (`process_group_id`, `state_function_id`), CONSTRAINT `process_group_functions_process_group_id` FOREIGN KEY (`process_group_id`) REFERENCES `process_groups` (`id`) ON DELETE CASCADE, CONSTRAINT `process_group_functions_state_function_id` FOREIGN KEY (`state_function_id`) REFERENCES `state_functions` (`id`) ON DELETE CASCADE);
-- create "process_group_services" table
CREATE TABLE `process_group_services` (`process_group_id` integer NOT NULL, `service_id` integer NOT NULL, PRIMARY KEY (`process_group_id`, `service_id`), CONSTRAINT `process_group_services_process_group_id` FOREIGN KEY (`process_group_id`) REFERENCES `process_groups` (`id`) ON DELETE CASCADE, CONSTRAINT `process_group_services_service_id` FOREIGN KEY (`service_id`) REFERENCES `services` (`id`) ON DELETE CASCADE);
-- create "process_group_information_systems" table
CREATE TABLE `process_group_information_systems` (`process_group_id` integer NOT NULL, `information_system_id` integer NOT NULL, PRIMARY KEY (`process_group_id`, `information_system_id`), CONSTRAINT `process_group_information_systems_process_group_id` FOREIGN KEY (`process_group_id`) REFERENCES `process_groups` (`id`) ON DELETE CASCADE, CONSTRAINT `process_group_information_systems_information_system_id` FOREIGN KEY (`information_system_id`) REFERENCES `information_systems` (`id`) ON DELETE CASCADE);
-- create "process_group_entities" table
CREATE TABLE `process_group_entities` (`process_group_id` integer NOT NULL, `entity_id` integer NOT NULL, PRIMARY KEY (`process_group_id`, `entity_id`), CONSTRAINT `process_group_entities_process_group_id` FOREIGN KEY (`process_group_id`) REFERENCES `process_groups` (`id`) ON DELETE CASCADE, CONSTRAINT `process_group_entities_entity_id` FOREIGN KEY (`entity_id`) REFERENCES `entities` (`id`) ON DELETE CASCADE);
-- create "roadmap_item_units" table
CREATE TABLE `roadmap_item_units` (`roadmap_item_id` integer NOT NULL, `structural_unit_id` integer NOT NULL, PRIMARY KEY (`roadmap_item_id`, `structural_unit_id`), CONSTRAINT `roadmap_item_units_roadmap_item_id` FOREIGN KEY (`roadmap_item_id`) REFERENCES `roadmap_items` (`id`) ON DELETE CASCADE, CONSTRAINT `roadmap_item_units_structural_unit_id` FOREIGN KEY (`structural_unit_id`) REFERENCES `structural_units` (`id`) ON DELETE CASCADE);
-- create "sphere_responsible_units" table
CREATE TABLE `sphere_responsible_units` (`sphere_id` integer NOT NULL, `structural_unit_id` integer NOT NULL, PRIMARY KEY (`sphere_id`, `structural_unit_id`), CONSTRAINT `sphere_responsible_units_sphere_id` FOREIGN KEY (`sphere_id`) REFERENCES `spheres` (`id`) ON DELETE CASCADE, CONSTRAINT `sphere_responsible_units_structural_unit_id` FOREIGN KEY (`structural_unit_id`) REFERENCES `structural_units` (`id`) ON DELETE CASCADE);
-- create "sphere_schedule_units" table
CREATE TABLE `sphere_schedule_units` (`sphere_schedule_id` integer NOT NULL, `structural_unit_id` integer NOT NULL, PRIMARY KEY (`sphere_schedule_id`, `structural_unit_id`), CONSTRAINT `sphere_schedule_units_sphere_schedule_id` FOREIGN KEY (`sphere_schedule_id`) REFERENCES `sphere_schedules` (`id`) ON DELETE CASCADE, CONSTRAINT `sphere_schedule_units_structural_unit_id` FOREIGN KEY (`structural_unit_id`) REFERENCES `structural_units` (`id`) ON DELETE CASCADE);
-- create "transformation_map_development_bodies" table
CREATE TABLE `transformation_map_development_bodies` (`transformation_map_id` integer NOT NULL, `ministry_id` integer NOT NULL, PRIMARY KEY (`transformation_map_id`, `ministry_id`), CONSTRAINT `transformation_map_development_bodies_transformation_map_id` FOREIGN KEY (`transformation_map_id`) REFERENCES `transformation_maps` (`id`) ON DELETE CASCADE, CONSTRAINT `transformation_map_development_bodies_ministry_id` FOREIGN KEY (`ministry_id`) REFERENCES `ministries` (`id`) ON DELETE CASCADE);
-- create "transformation_map_implementation_bodies" table
CREATE TABLE `transformation_map_implementation_bodies` (`transformation_map_id` integer NOT NULL, `ministry_id` integer NOT NULL, PRIMARY KEY (`transformation_map_id`, `ministry_id`), CONSTRAINT `transformation_map_implementation_bodies_transformation_map_id` FOREIGN KEY (`transformation_map_id`) REFERENCES `transformation_maps` (`id`) ON DELETE CASCADE, CONSTRAINT `transformation_map_implementation_bodies_ministry_id` FOREIGN KEY (`ministry_id`) REFERENCES `ministries` (`id`) ON DELETE CASCADE);
