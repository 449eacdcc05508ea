## evidence
