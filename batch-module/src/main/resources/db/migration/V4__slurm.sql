-- The id an external scheduler (SLURM) gave the job: with it a restarted server re-attaches.
ALTER TABLE job ADD COLUMN external_id VARCHAR(64);
CREATE INDEX job_external ON job (external_id) WHERE external_id IS NOT NULL;
