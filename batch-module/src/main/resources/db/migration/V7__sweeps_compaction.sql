-- Sweeps (issue 7): a job that runs its app once per point of a scan over some of its inputs.
-- The points, every range expanded: {"input": [values…], …}; null for an ordinary job.
ALTER TABLE job ADD COLUMN sweep TEXT;

-- Compaction (issue 7): when retention stored the outputs a job's app names (ASTRA's particle files)
-- in their compact form; null while they are as the app wrote them.
ALTER TABLE job ADD COLUMN compacted_at TIMESTAMPTZ;
