"""The dues' private files (deliberations, invoices, receipts) use core's private storage; this
module stays because the dues migrations name ``dues.storage.private_storage``."""

from core.storage import PrivateStorage, private_storage

__all__ = ["PrivateStorage", "private_storage"]
