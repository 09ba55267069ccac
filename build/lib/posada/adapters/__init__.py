"""Outside systems, one package each (WhatsApp Cloud API, …).

Adapters speak their provider's wire format and nothing else: they never import
``posada.services`` or ``posada.db``; each has a fake that tests and ``posada chat`` use.
"""
