-- GPUs a job asks for (resources.gpus): 0 for none. Only the SLURM executor has them; it asks
-- SLURM for them as a generic resource (gres/gpu).
ALTER TABLE job ADD COLUMN gpus INTEGER NOT NULL DEFAULT 0;
