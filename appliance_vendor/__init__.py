"""The vendor's tool for appliance licenses: make a signing key, issue and inspect licenses.

It is a separate console script (`appliance-vendor`) and is never part of the appliance
executable: the appliance only verifies, it cannot sign.
"""
