"""AppManager appliance: the hub between an ERP's exchange folder and the agents' iPads."""

__version__ = "0.1.0"
