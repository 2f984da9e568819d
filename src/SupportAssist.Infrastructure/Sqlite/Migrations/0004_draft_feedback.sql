-- An edited draft's feedback carries the reply the agent sent (redacted): the eval harness measures the
-- edit distance between the draft and it.
ALTER TABLE outcome_feedback ADD COLUMN final_text TEXT;
