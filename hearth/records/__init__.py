"""Case notes, alerts and the chronology: the record social workers write in every day."""
