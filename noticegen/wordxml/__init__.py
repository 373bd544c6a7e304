"""The floor under every reader and writer of Word files: namespaces, element text, child
order, units, the GB/T 9704 numbers and the read model that lint and import share."""
