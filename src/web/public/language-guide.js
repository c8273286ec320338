// Filled in by issue 5 (language guide) / issue 6 (session timeout and drafts).
