-- add column "extra" to table: "entities"
ALTER TABLE `entities` ADD COLUMN `extra` json NULL;
-- add column "extra" to table: "icebreakers"
ALTER TABLE `icebreakers` ADD COLUMN `extra` json NULL;
-- add column "recognitions" to table: "import_runs"
ALTER TABLE `import_runs` ADD COLUMN `recognitions` json NULL;
-- add column "extra" to table: "integrations"
ALTER TABLE `integrations` ADD COLUMN `extra` json NULL;
-- add column "extra" to table: "kpis"
ALTER TABLE `kpis` ADD COLUMN `extra` json NULL;
-- add column "extra" to table: "needs"
ALTER TABLE `needs` ADD COLUMN `extra` json NULL;
-- add column "extra" to table: "roadmap_items"
ALTER TABLE `roadmap_items` ADD COLUMN `extra` json NULL;
-- add column "extra" to table: "service_plans"
ALTER TABLE `service_plans` ADD COLUMN `extra` json NULL;
-- add column "extra" to table: "sphere_schedules"
ALTER TABLE `sphere_schedules` ADD COLUMN `extra` json NULL;
-- add column "kpi_heading" to table: "transformation_maps"
ALTER TABLE `transformation_maps` ADD COLUMN `kpi_heading` text NULL;
-- add column "title_owner" to table: "transformation_maps"
ALTER TABLE `transformation_maps` ADD COLUMN `title_owner` text NULL;
-- create "system_mentions" table
CREATE TABLE `system_mentions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `position` integer NOT NULL DEFAULT (0), `source_line` integer NOT NULL, `text` text NOT NULL, `field` text NOT NULL, `information_system_mentions` integer NOT NULL, `sphere_system_mentions` integer NULL, `transformation_map_system_mentions` integer NOT NULL, CONSTRAINT `system_mentions_information_systems_mentions` FOREIGN KEY (`information_system_mentions`) REFERENCES `information_systems` (`id`) ON DELETE NO ACTION, CONSTRAINT `system_mentions_spheres_system_mentions` FOREIGN KEY (`sphere_system_mentions`) REFERENCES `spheres` (`id`) ON DELETE SET NULL, CONSTRAINT `system_mentions_transformation_maps_system_mentions` FOREIGN KEY (`transformation_map_system_mentions`) REFERENCES `transformation_maps` (`id`) ON DELETE NO ACTION);
-- set sequence for "system_mentions" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("system_mentions", 111669149696);
-- create index "systemmention_transformation_map_system_mentions" to table: "system_mentions"
CREATE INDEX `systemmention_transformation_map_system_mentions` ON `system_mentions` (`transformation_map_system_mentions`);
-- create index "systemmention_sphere_system_mentions" to table: "system_mentions"
CREATE INDEX `systemmention_sphere_system_mentions` ON `system_mentions` (`sphere_system_mentions`);
-- create index "systemmention_information_system_mentions" to table: "system_mentions"
CREATE INDEX `systemmention_information_system_mentions` ON `system_mentions` (`information_system_mentions`);
