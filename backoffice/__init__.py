"""Back office for the Taiwan cloud-marketplace digital-points subsidy (臺灣雲市集 數位點數補助)."""

__version__ = "0.1.0"
