"""Products and their curation: the catalog's pages for officers and members."""
