"""Certificates: eligibility, numbering, issuance, PDF, revocation and public verification."""
