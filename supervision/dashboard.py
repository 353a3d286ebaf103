from supervision.progress import progress_for


def requirements_section(*, user, enrollments) -> dict:
    """Progress bars for each approved enrollment whose program has requirements."""
    approved = [e for e in enrollments if e.status == "approved"]
    progress = progress_for(approved)
    rows = [{"enrollment": e, "progress": progress[e.pk]} for e in approved if progress[e.pk].bars]
    return {"rows": rows}
