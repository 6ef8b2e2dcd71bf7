"""Take-away documents (rights summary, discreet card, referral summary) built as PDF bytes.

Pure Python on reportlab: no Qt here. Builders return bytes held in memory; only
`safe_output.write_pdf` writes, and only to the path the user chose.
"""
