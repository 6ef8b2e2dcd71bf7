"""ODK Central: Lantern's referral form, encrypted submissions, the outbox and sending.

Pure Python (no Qt). The format of an encrypted record follows ODK's encryption specification
(getodk/xforms-spec, "Encryption"); the protocol follows Central's OpenRosa submission API.
"""
