-- Reports (issue 4): the committee measures count notifications by when they reached the authority.
CREATE INDEX incidents_notified ON incidents (authority_code, notified_at);
