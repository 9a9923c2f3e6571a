"""Business rules of dues (see ARCHITECTURE.md, "services").

- :mod:`.tiers`: the yearly table of dues, the amount a collectivity owes;
- :mod:`.applications`: a collectivity applies, staff accept (membership + first invoice) or refuse;
- :mod:`.invoices`: gap-free numbering per year, issuing, credit notes, the year's call.
- :mod:`.payments`: offline payments, Stripe events credited once, the membership paid through.
"""
