"""Smart-card layer: PC/SC reading of HiCOS cards, identification, validation, PKCS#11 signing.

No Qt here. Only ``pcsc`` imports pyscard and only ``pkcs11`` imports PyKCS11; everything else
works on the small ``SmartCardConnection`` interface of ``connection``.
"""
