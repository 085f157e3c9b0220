"""The generated checks, one module per category of finding: each writes its shapes from
the rules read from the graph (:mod:`mlopskg.validation.rules`). The categories themselves,
with their headings and order, are declared in :mod:`mlopskg.validation.categories`."""
