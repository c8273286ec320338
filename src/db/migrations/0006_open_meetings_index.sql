-- The board shows how many meeting requests are open and the oldest few on every view: this index lets both
-- read only the open requests, in date order, and stop after the first few.
CREATE INDEX meeting_requests_open_by_date ON meeting_requests (authority_code, requested_for) WHERE status IN ('requested', 'scheduled', 'held');
