"""Form helpers the catalog's forms share."""






def scoped_formfield(field, **kwargs):
    """Relations to tenant-scoped models start with an empty queryset: the real one can
    only be built inside a request's scope, so each form sets it in __init__."""
    model = getattr(field, "related_model", None)
    if model is not None and hasattr(model._default_manager, "with_scopes_disabled"):
        kwargs["queryset"] = model.objects.none()
    return field.formfield(**kwargs)
