"""Business rules of the label app: the edition figures (:mod:`.figures`), the open-data
exports (:mod:`.exports`) and the palmarès CSV import (:mod:`.imports`)."""
