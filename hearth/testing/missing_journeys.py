"""Missing episodes as a social worker records them (through the services)."""

from hearth.missing import services


def went_missing(staff, period, started_at, returned_at=None, kind="M"):
    return services.missing_episode_record(
        actor=staff.social_worker.user, period_id=period.pk, kind=kind, started_at=started_at, returned_at=returned_at
    )


def came_back(staff, episode, returned_at):
    return services.missing_return_record(
        actor=staff.social_worker.user, episode_id=episode.pk, version=episode.version, returned_at=returned_at
    )


def interview_offered(staff, episode, offered_at, response="accepted"):
    return services.missing_interview_record(
        actor=staff.social_worker.user,
        episode_id=episode.pk,
        version=episode.version,
        offered_at=offered_at,
        response=response,
    )
