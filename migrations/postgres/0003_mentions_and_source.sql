-- create "sphere_mentioned_systems" table
CREATE TABLE "sphere_mentioned_systems" ("sphere_id" bigint NOT NULL, "information_system_id" bigint NOT NULL, PRIMARY KEY ("sphere_id", "information_system_id"), CONSTRAINT "sphere_mentioned_systems_information_system_id" FOREIGN KEY ("information_system_id") REFERENCES "information_systems" ("id") ON UPDATE NO ACTION ON DELETE CASCADE, CONSTRAINT "sphere_mentioned_systems_sphere_id" FOREIGN KEY ("sphere_id") REFERENCES "spheres" ("id") ON UPDATE NO ACTION ON DELETE CASCADE);
-- create index "sphere_mentioned_systems_information_system_id_idx" to table: "sphere_mentioned_systems"
CREATE INDEX "sphere_mentioned_systems_information_system_id_idx" ON "sphere_mentioned_systems" ("information_system_id");
-- modify "transformation_maps" table
ALTER TABLE "transformation_maps" ADD COLUMN "source_text" text NULL;
-- create "transformation_map_mentioned_systems" table
CREATE TABLE "transformation_map_mentioned_systems" ("transformation_map_id" bigint NOT NULL, "information_system_id" bigint NOT NULL, PRIMARY KEY ("transformation_map_id", "information_system_id"), CONSTRAINT "transformation_map_mentioned_systems_information_system_id" FOREIGN KEY ("information_system_id") REFERENCES "information_systems" ("id") ON UPDATE NO ACTION ON DELETE CASCADE, CONSTRAINT "transformation_map_mentioned_systems_transformation_map_id" FOREIGN KEY ("transformation_map_id") REFERENCES "transformation_maps" ("id") ON UPDATE NO ACTION ON DELETE CASCADE);
-- create index "transformation_map_mentioned_systems_information_system_id_idx" to table: "transformation_map_mentioned_systems"
CREATE INDEX "transformation_map_mentioned_systems_information_system_id_idx" ON "transformation_map_mentioned_systems" ("information_system_id");
